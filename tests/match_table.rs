//! Issue 5: for a table of real-looking files (paths and contents kept under `tests/match/`),
//! `skill-lsp match` puts the right bundled skill first (or among the first two where two skills
//! are equally right).

use std::path::Path;

use skill_lsp::skills::library::{Library, SkillSources};
use skill_lsp::skills::select::{DocumentInfo, language_of};

/// (path under tests/match, skills of which one must be first, how many top places count)
const TABLE: &[(&str, &[&str], usize)] = &[
    ("api/main.py", &["fastapi"], 1),
    ("api/routers/users.py", &["fastapi"], 1),
    ("Dockerfile", &["docker"], 1),
    ("services/web/Dockerfile.prod", &["docker"], 1),
    ("docker-compose.yml", &["docker-compose"], 1),
    ("charts/app/templates/deployment.yaml", &["helm"], 1),
    ("charts/app/Chart.yaml", &["helm"], 1),
    ("charts/app/values.yaml", &["helm"], 1),
    (
        "k8s/api-deployment.yaml",
        &["kubernetes", "k8s-security-policies"],
        2,
    ),
    (
        "k8s/network-policy.yaml",
        &["k8s-security-policies", "kubernetes"],
        2,
    ),
    ("deploy/argocd/app.yaml", &["gitops"], 1),
    ("mesh/virtual-service.yaml", &["service-mesh"], 1),
    (".github/workflows/release.yml", &["github-actions"], 1),
    (".github/workflows/ci.yaml", &["github-actions"], 1),
    (".gitlab-ci.yml", &["gitlab-ci"], 1),
    ("infra/main.tf", &["terraform"], 1),
    ("infra/prod.tfvars", &["terraform"], 1),
    ("contracts/Token.sol", &["solidity"], 1),
    ("test/Token.t.sol", &["web3-testing"], 1),
    ("src/App.tsx", &["react"], 1),
    ("src/components/Button.jsx", &["react"], 1),
    ("src/api/client.ts", &["typescript"], 1),
    ("src/utils/format.js", &["javascript"], 1),
    ("src/cart.test.ts", &["javascript-testing-patterns"], 1),
    ("app/screens/Home.tsx", &["react-native-design"], 1),
    ("src/components/user-card.js", &["web-component-design"], 1),
    (
        "styles/layout.css",
        &[
            "responsive-design",
            "design-system-patterns",
            "interaction-design",
        ],
        3,
    ),
    ("dags/etl.py", &["airflow"], 1),
    ("models/orders.sql", &["dbt"], 1),
    ("jobs/aggregate.py", &["spark"], 1),
    ("db/queries/report.sql", &["sql", "postgresql"], 2),
    ("rag/retriever.py", &["rag", "langchain"], 2),
    ("llm/chain.py", &["langchain"], 1),
    ("search/index.py", &["similarity-search"], 1),
    ("workers/tasks.py", &["python-background-jobs"], 1),
    ("tests/test_orders.py", &["python-testing-patterns"], 1),
    ("scripts/deploy.sh", &["bash"], 1),
    ("test/deploy.bats", &["bats"], 1),
    ("internal/worker/pool.go", &["go"], 1),
    ("src/lib.rs", &["rust"], 1),
    ("src/buffer.c", &["memory-safety"], 1),
    ("monitoring/prometheus.yml", &["prometheus"], 1),
    ("dashboards/api.json", &["grafana-dashboards"], 1),
    ("openapi.yaml", &["openapi"], 1),
    ("turbo.json", &["monorepo-management"], 1),
    ("BUILD.bazel", &["bazel-build-optimization"], 1),
    ("game/player.gd", &["godot-gdscript-patterns"], 1),
    ("Assets/Scripts/Spawner.cs", &["unity-ecs-patterns"], 1),
    (
        "app/src/main/java/com/example/MainActivity.kt",
        &["mobile-android-design"],
        1,
    ),
    ("App/ContentView.swift", &["mobile-ios-design"], 1),
    (
        "docs/adr/0001-use-postgres.md",
        &["architecture-decision-records"],
        1,
    ),
    ("payments/checkout.py", &["payment-integration"], 1),
    (".semgrep.yml", &["sast-configuration"], 1),
];

#[test]
fn bundled_skills_rank_first_for_real_looking_files() {
    let lib = Library::load(&SkillSources {
        builtin: true,
        ..Default::default()
    });
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/match");
    let mut failures = Vec::new();
    assert!(TABLE.len() >= 40);
    for (rel, want, top) in TABLE {
        let path = root.join(rel);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{rel}: {e}"));
        let lang = language_of(&path, &text, None);
        let doc = DocumentInfo {
            path: Some(&path),
            root: Some(&root),
            language_id: &lang,
            text: &text,
        };
        let ranked: Vec<String> = lib
            .select_skills(&doc)
            .into_iter()
            .map(|m| lib.skill(m.skill).name.clone())
            .collect();
        let head: Vec<&String> = ranked.iter().take(*top).collect();
        let ok = want.iter().any(|w| head.iter().any(|h| h == w))
            && !ranked.is_empty()
            && want.contains(&ranked[0].as_str());
        eprintln!(
            "{:<50} {:<16} {}",
            rel,
            lang,
            ranked
                .iter()
                .take(4)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ")
        );
        if !ok {
            failures.push(format!(
                "{rel} ({lang}): want {want:?} first, got {:?}",
                ranked.iter().take(5).collect::<Vec<_>>()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} files ranked wrong:\n{}",
        failures.len(),
        TABLE.len(),
        failures.join("\n")
    );
}
