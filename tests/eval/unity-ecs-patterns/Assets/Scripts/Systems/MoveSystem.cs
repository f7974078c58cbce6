using Unity.Burst;
using Unity.Entities;
using Unity.Transforms;

public class LegacySpeed : IComponentData // expect: unity-ecs-patterns/class-component-data
{
    public float Value;
}

public struct Speed : IComponentData // near: unity-ecs-patterns/class-component-data
{
    public float Value;
}

public partial class LegacyMoveSystem : SystemBase
{
    protected override void OnUpdate()
    {
        float dt = SystemAPI.Time.DeltaTime;
        Entities.WithAll<Speed>().ForEach((ref LocalTransform t, in Speed s) => t.Position.y += s.Value * dt).ScheduleParallel(); // expect: unity-ecs-patterns/entities-foreach
    }
}

public class OldSpawnSystem : ComponentSystem // expect: unity-ecs-patterns/legacy-component-system
{
    protected override void OnUpdate() { }
}

[BurstCompile]
public partial struct MoveSystem : ISystem // near: unity-ecs-patterns/legacy-component-system
{
    [BurstCompile]
    public void OnUpdate(ref SystemState state)
    {
        foreach (var (t, s) in SystemAPI.Query<RefRW<LocalTransform>, RefRO<Speed>>()) // near: unity-ecs-patterns/entities-foreach
            t.ValueRW.Position.y += s.ValueRO.Value * SystemAPI.Time.DeltaTime;
    }
}
