extends CharacterBody2D

signal died(score: int)

const SPEED := 240.0
const ROTATION_SPEED := 0.05

@export var max_health: int = 100 # near: godot-gdscript-patterns/godot3-export
export var legacy_speed = 200 # expect: godot-gdscript-patterns/godot3-export
onready var timer = $Timer # expect: godot-gdscript-patterns/godot3-onready
@onready var health_bar: ProgressBar = $HealthBar # near: godot-gdscript-patterns/godot3-onready
@onready var sprite: Sprite2D = %Sprite2D # near: godot-gdscript-patterns/node-lookup-in-process

var health: int = 100
var score: int = 0


func _ready() -> void:
	$Button.connect("pressed", self, "_on_pressed") # expect: godot-gdscript-patterns/string-connect
	$Button.pressed.connect(_on_pressed) # near: godot-gdscript-patterns/string-connect
	yield(get_tree().create_timer(1.0), "timeout") # expect: godot-gdscript-patterns/godot3-yield
	await get_tree().create_timer(1.0).timeout # near: godot-gdscript-patterns/godot3-yield


func _process(delta: float) -> void:
	$HealthBar.value = health # expect: godot-gdscript-patterns/node-lookup-in-process
	health_bar.max_value = max_health
	position.x += 4 # expect: godot-gdscript-patterns/frame-dependent-motion
	position.y += SPEED * delta # near: godot-gdscript-patterns/frame-dependent-motion
	rotation += ROTATION_SPEED * delta # near: godot-gdscript-patterns/frame-dependent-motion
	sprite.modulate = Color.RED if health < 20 else Color.WHITE


func _physics_process(_delta: float) -> void:
	velocity.x = Input.get_axis("move_left", "move_right") * SPEED
	move_and_slide() # near: godot-gdscript-patterns/frame-dependent-motion
	rotation += ROTATION_SPEED # expect: godot-gdscript-patterns/frame-dependent-motion


func _on_pressed() -> void:
	get_node("Sprite2D").visible = false # near: godot-gdscript-patterns/node-lookup-in-process
	position.x += 16 # near: godot-gdscript-patterns/frame-dependent-motion
	if health <= 0:
		died.emit(score)
