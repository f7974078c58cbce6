//! Issue 5: the bundled library covers every seed topic (as a skill, an alias, or a left-out name
//! with its reason in skills/README.md), loads without a single problem, and is big enough.

use std::path::Path;

use skill_lsp::skills::library::{Library, SkillSources};

const SEED: &[&str] = &[
    "screen-reader-testing",
    "wcag-audit-patterns",
    "rag",
    "api-design-principles",
    "api-design",
    "architecture-patterns",
    "async-python",
    "auth-implementation-patterns",
    "bazel-build-optimization",
    "billing-automation",
    "code-review-excellence",
    "cqrs-implementation",
    "database-design",
    "debugging-strategies",
    "e2e-testing-patterns",
    "error-handling-patterns",
    "fastapi-templates",
    "fastapi",
    "git-advanced-workflows",
    "microservices-patterns",
    "microservices",
    "monorepo-management",
    "nodejs-backend-patterns",
    "nx-workspace-patterns",
    "paypal-integration",
    "pci-compliance",
    "python-anti-patterns",
    "python-background-jobs",
    "python-code-style",
    "python-configuration",
    "python-design-patterns",
    "python-error-handling",
    "python-packaging",
    "python-performance-optimization",
    "python-project-structure",
    "python-resilience",
    "python-resource-management",
    "python-type-safety",
    "sql-optimization-patterns",
    "stripe-integration",
    "turborepo-caching",
    "defi-protocol-templates",
    "nft-standards",
    "solidity-security",
    "web3-testing",
    "competitive-landscape",
    "market-sizing-analysis",
    "startup-financial-modeling",
    "startup-metrics-framework",
    "team-composition-analysis",
    "employment-contract-templates",
    "gdpr-data-handling",
    "airflow-dag-patterns",
    "airflow",
    "data-quality",
    "dbt-transformation-patterns",
    "dbt",
    "ml-pipeline-workflow",
    "spark-optimization",
    "spark",
    "postgresql",
    "systematic-debugging",
    "architecture-decision-records",
    "changelog-automation",
    "cicd",
    "cloud",
    "cost-optimization",
    "deployment-pipeline-design",
    "docker",
    "git-workflows",
    "github-actions",
    "gitlab-ci-patterns",
    "hybrid-cloud-networking",
    "istio-traffic-management",
    "kubernetes",
    "linkerd-patterns",
    "multi-cloud-architecture",
    "observability",
    "openapi-spec-generation",
    "postmortem-writing",
    "prometheus-configuration",
    "secrets-management",
    "service-mesh-observability",
    "terraform-module-library",
    "backtesting-frameworks",
    "risk-metrics-calculation",
    "accessibility-compliance",
    "design-system-patterns",
    "interaction-design",
    "javascript",
    "modern-javascript-patterns",
    "react-native-design",
    "react",
    "responsive-design",
    "tailwind-design-system",
    "typescript-advanced-types",
    "typescript",
    "visual-design-foundations",
    "web-component-design",
    "godot-gdscript-patterns",
    "unity-ecs-patterns",
    "gitops-workflow",
    "gitops",
    "helm-chart-scaffolding",
    "helm",
    "k8s-manifest-generator",
    "k8s-security-policies",
    "manifests",
    "security",
    "embedding-strategies",
    "hybrid-search-implementation",
    "hybrid-search",
    "langchain-architecture",
    "langchain",
    "llm-evaluation",
    "prompt-engineering-patterns",
    "prompt-engineering",
    "rag-implementation",
    "similarity-search-patterns",
    "similarity-search",
    "vector-index-tuning",
    "mobile-android-design",
    "mobile-ios-design",
    "distributed-tracing",
    "grafana-dashboards",
    "slo-implementation",
    "code-refactoring",
    "anti-reversing-techniques",
    "auditor",
    "binary-analysis-patterns",
    "memory-forensics",
    "mtls-configuration",
    "protocol-reverse-engineering",
    "sast-configuration",
    "stride-analysis",
    "threat-mitigation-mapping",
    "bash-defensive-patterns",
    "bats-testing-patterns",
    "go-concurrency-patterns",
    "memory-safety-patterns",
    "rust-async-patterns",
    "shellcheck-configuration",
    "multi-reviewer-patterns",
    "parallel-feature-development",
    "javascript-testing-patterns",
    "python-testing-patterns",
    "testing",
    "context-driven-development",
    "track-management",
    "workflow-patterns",
];

fn builtin() -> Library {
    Library::load(&SkillSources {
        builtin: true,
        ..Default::default()
    })
}

#[test]
fn every_seed_topic_is_a_skill_an_alias_or_left_out_with_a_reason() {
    let lib = builtin();
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("skills/README.md"))
            .unwrap();
    let left_out = readme
        .split("## Left out")
        .nth(1)
        .expect("a Left out section");
    let mut missing = Vec::new();
    let mut skipped = Vec::new();
    for name in SEED {
        if lib.find(name).is_some() {
            continue;
        }
        match left_out
            .lines()
            .find(|l| l.contains(&format!("/{name}:")) || l.contains(&format!("- {name}:")))
        {
            Some(line)
                if line
                    .split(':')
                    .nth(1)
                    .is_some_and(|why| why.trim().len() > 10) =>
            {
                skipped.push(*name)
            }
            _ => missing.push(*name),
        }
    }
    assert!(
        missing.is_empty(),
        "seed names with no skill, alias or reason: {missing:?}"
    );
    eprintln!("left out with a reason: {skipped:?}");
    assert!(skipped.len() <= 10, "{skipped:?}");
}

#[test]
fn the_library_loads_without_problems_and_is_big_enough() {
    let lib = builtin();
    let problems: Vec<String> = lib
        .all_problems()
        .iter()
        .map(|p| {
            format!(
                "{}:{}: {} {}",
                p.path.display(),
                p.line + 1,
                p.code,
                p.message
            )
        })
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(lib.skills.len() >= 50, "{}", lib.skills.len());
    let mut tips = 0;
    for s in &lib.skills {
        assert!(
            !s.description.is_empty() && s.description.chars().count() < 1024,
            "{}",
            s.name
        );
        // The cap is on what a reader sees rendered: the invisible `<!-- skill-lsp tip -->`
        // blocks (triggers, equivalents) are left out; the validator's 5,000-token body limit
        // (no `long-body` problem above) covers the whole file.
        let mut in_tip = false;
        let shown = s
            .text
            .lines()
            .filter(|l| {
                if l.trim_start().starts_with("<!-- skill-lsp tip") {
                    in_tip = true;
                }
                let hidden = in_tip;
                if in_tip && l.contains("-->") {
                    in_tip = false;
                }
                !hidden
            })
            .count();
        assert!(shown < 400, "{} shows {shown} lines", s.name);
        assert!(!s.sections.is_empty(), "{}", s.name);
        for sec in &s.sections {
            tips += sec
                .comments
                .iter()
                .filter(|(_, c)| c.trim_start().starts_with("skill-lsp tip"))
                .map(|(_, c)| {
                    c.lines()
                        .filter(|l| l.trim_start().trim_start_matches("- ").starts_with("id:"))
                        .count()
                })
                .sum::<usize>();
        }
    }
    eprintln!("{} skills, {tips} declared tips", lib.skills.len());
    assert!(tips >= 150, "{tips}");
    // Aliases never collide with another skill's name.
    for s in &lib.skills {
        for a in &s.aliases {
            assert_eq!(
                lib.find(a).map(|id| &lib.skill(id).name),
                Some(&s.name),
                "alias {a} of {}",
                s.name
            );
        }
    }
}
