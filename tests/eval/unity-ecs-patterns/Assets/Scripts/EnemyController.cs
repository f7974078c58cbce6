using UnityEngine;

public class EnemyController : MonoBehaviour
{
    [SerializeField] private Rigidbody body;
    [SerializeField] private Transform player;
    [SerializeField] private float thrust = 5f;

    void Awake()
    {
        body = GetComponent<Rigidbody>(); // near: unity-ecs-patterns/get-component-in-update
        player = GameObject.Find("Player").transform; // near: unity-ecs-patterns/find-in-update
    }

    void Update()
    {
        var target = GameObject.Find("Player"); // expect: unity-ecs-patterns/find-in-update
        GetComponent<Animator>().SetBool("Chasing", target != null); // expect: unity-ecs-patterns/get-component-in-update
        transform.LookAt(player);
    }

    void FixedUpdate()
    {
        body.AddForce(Vector3.forward * thrust); // near: unity-ecs-patterns/get-component-in-update
    }

    void OnTriggerEnter(Collider other)
    {
        if (other.tag == "Bullet") TakeHit(other.gameObject); // expect: unity-ecs-patterns/tag-string-compare
        if (other.CompareTag("Pickup")) Collect(other.gameObject); // near: unity-ecs-patterns/tag-string-compare
    }

    void TakeHit(GameObject bullet)
    {
        bullet.SendMessage("OnHitTarget", this); // expect: unity-ecs-patterns/send-message
        if (bullet.TryGetComponent(out IPooled pooled)) pooled.Release(); // near: unity-ecs-patterns/send-message
    }

    void Collect(GameObject item) => Destroy(item);
}
