#!/usr/bin/env -S godot -s
extends SceneTree

const GdUnitTools := preload("res://addons/gdUnit4/src/core/GdUnitTools.gd")

#warning-ignore-all:return_value_discarded
class CLIRunner extends Node:
	
	enum {
		READY,
		INIT,
		RUN,
		STOP,
		EXIT
	}
	
	const DEFAULT_REPORT_COUNT = 20
	const RETURN_SUCCESS  =   0
	const RETURN_ERROR    = 100
	const RETURN_ERROR_HEADLESS_NOT_SUPPORTED  = 103
	const RETURN_WARNING  = 101

	var _state = READY
	var _test_suites_to_process :Array
	var _executor
	var _report :GdUnitHtmlReport
	var _report_dir: String
	var _report_max: int = DEFAULT_REPORT_COUNT
	var _runner_config := GdUnitRunnerConfig.new()
	var _console := CmdConsole.new()
	var _cs_executor
	var _cmd_options: = CmdOptions.new([
			CmdOption.new("-a, --add", "-a <directory|path of testsuite>", "Adds the given test suite or directory to the execution pipeline.", TYPE_STRING),
			CmdOption.new("-i, --ignore", "-i <testsuite_name|testsuite_name:test-name>", "Adds the given test suite or test case to the ignore list.", TYPE_STRING),
			CmdOption.new("-c, --continue", "", "By default GdUnit will abort checked first test failure to be fail fast, instead of stop after first failure you can use this option to run the complete test set."),
			CmdOption.new("-conf, --config", "-conf [testconfiguration.cfg]", "Run all tests by given test configuration. Default is 'GdUnitRunner.cfg'", TYPE_STRING, true),
			CmdOption.new("-help", "", "Shows this help message."),
			CmdOption.new("--help-advanced", "", "Shows advanced options.")
		], [
			# advanced options
			CmdOption.new("-rd, --report-directory", "-rd <directory>", "Specifies the output directory in which the reports are to be written. The default is res://reports/.", TYPE_STRING, true),
			CmdOption.new("-rc, --report-count", "-rc <count>", "Specifies how many reports are saved before they are deleted. The default is "+str(DEFAULT_REPORT_COUNT)+".", TYPE_INT, true),
			#CmdOption.new("--list-suites", "--list-suites [directory]", "Lists all test suites located in the given directory.", TYPE_STRING),
			#CmdOption.new("--describe-suite", "--describe-suite <suite name>", "Shows the description of selected test suite.", TYPE_STRING),
			CmdOption.new("--info", "", "Shows the GdUnit version info"),
			CmdOption.new("--selftest", "", "Runs the GdUnit self test"),
		])
	
	
	func _ready():
		_state = INIT
		_report_dir = GdUnitTools.current_dir() + "reports"
		_executor = load("res://addons/gdUnit4/src/core/GdUnitExecutor.gd").new()
		# stop checked first test failure to fail fast
		_executor.fail_fast(true)
		
		if GdUnitTools.is_mono_supported():
			_cs_executor = GdUnit3MonoAPI.create_executor(self)
		
		var err = GdUnitSignals.instance().gdunit_event.connect(Callable(self, "_on_gdunit_event"))
		if err != OK:
			prints("gdUnitSignals failed")
			push_error("Error checked startup, can't connect executor for 'send_event'")
			quit(RETURN_ERROR)
		add_child(_executor)
	
	
	func _process(_delta):
		match _state:
			INIT:
				gdUnitInit()
				_state = RUN
			RUN:
				# all test suites executed
				if _test_suites_to_process.is_empty():
					_state = STOP
				else:
					set_process(false)
					# process next test suite
					var test_suite := _test_suites_to_process.pop_front() as Node
					add_child(test_suite)
					var executor = _cs_executor if GdObjects.is_cs_test_suite(test_suite) else _executor
					executor.Execute(test_suite)
					await executor.ExecutionCompleted
					set_process(true)
			STOP:
				_state = EXIT
				_on_gdunit_event(GdUnitStop.new())
				quit(report_exit_code(_report))
	
	
	func quit(code :int) -> void:
		if is_instance_valid(_executor):
			_executor.free()
		GdUnitTools.dispose_all()
		await get_tree().physics_frame
		get_tree().quit(code)
	
	
	func set_report_dir(path :String) -> void:
		_report_dir = ProjectSettings.globalize_path(GdUnitTools.make_qualified_path(path))
		_console.prints_color("Set write reports to %s" % _report_dir, Color.DEEP_SKY_BLUE)
	
	
	func set_report_count(count :String) -> void:
		var report_count := count.to_int()
		if report_count < 1:
			_console.prints_error("Invalid report history count '%s' set back to default %d" % [count, DEFAULT_REPORT_COUNT])
			_report_max = DEFAULT_REPORT_COUNT
		else:
			_console.prints_color("Set report history count to %s" % count, Color.DEEP_SKY_BLUE)
			_report_max = report_count
	
	
	func disable_fail_fast() -> void:
		_console.prints_color("Disabled fail fast!", Color.DEEP_SKY_BLUE)
		_executor.fail_fast(false)
	
	
	func run_self_test() -> void:
