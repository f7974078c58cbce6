#!/usr/bin/env python3
"""Copies the selection test set out of local mirrors (`fetch`ed snapshots) and writes cases.json.

Run once by hand; the copied excerpts and cases.json are committed, this script documents how.
Labels below were written from what each file is, before running selection on it.
"""
import json, os, subprocess, sys

MIRROR = "/work/.mirror"
HERE = os.path.dirname(os.path.abspath(__file__))
MAX_LINES = 120

LICENSES = {
    "AdguardTeam/AdGuardHome": "GPL-3.0", "Altinn/app-localtest": "none stated (small excerpt)",
    "NomicFoundation/hardhat-boilerplate": "MIT", "aio-libs/aiohttp": "Apache-2.0",
    "argoproj/argocd-example-apps": "none stated (small excerpt)", "asdf-vm/asdf": "MIT",
    "bitbrain/gdUnit4": "MIT", "containers/podman-compose": "GPL-2.0", "dbt-labs/dbt-utils": "Apache-2.0",
    "django/djangoproject.com": "BSD-3-Clause", "encode/httpx": "BSD-3-Clause", "expo/examples": "MIT",
    "getsentry/self-hosted": "FSL-1.1-Apache-2.0", "gitlabhq/gitlab-runner": "MIT",
    "golang-migrate/migrate": "MIT", "gruntwork-io/terragrunt-infrastructure-modules-example": "Apache-2.0",
    "hashicorp/learn-terraform-provision-eks-cluster": "MPL-2.0", "highlight/highlight": "Apache-2.0",
    "infinitered/ignite": "MIT", "kubernetes-sigs/kustomize": "Apache-2.0", "mdn/todo-react": "MPL-2.0",
    "microsoft/playwright-examples": "MIT", "miguelgrinberg/microblog": "MIT", "pressly/goose": "MIT",
    "scaffold-eth/scaffold-eth-2": "MIT", "serde-rs/json": "MIT OR Apache-2.0", "shadcn-ui/taxonomy": "MIT",
    "sindresorhus/ky": "MIT", "spf13/cobra": "Apache-2.0", "tozd/docker-base": "Apache-2.0",
    "wagtail/bakerydemo": "BSD-3-Clause", "FlorenceHC/.github": "none stated (small file)",
    "django/django": "BSD-3-Clause",
}

PY_GENERAL = ["python-code-style", "python-anti-patterns", "python-type-safety", "python-error-handling",
              "python-resource-management", "python-performance-optimization"]
PY_TEST = ["python-testing-patterns", "testing"]
DB = ["database-design", "sql"]

# (repo, path, first, top3 extra, not in top five)
C = []
def case(repo, path, first, top3=(), not5=()):
    C.append((repo, path, list(first), list(dict.fromkeys(list(first) + list(top3))), list(not5)))

gm = "golang-migrate/migrate"
for p in ["database/clickhouse/examples/migrations/001_init.up.sql",
          "database/clickhouse/examples/migrations/002_create_table.up.sql",
          "database/clickhouse/examples/migrations/003_create_database.up.sql"]:
    case(gm, p, DB, (), ["postgresql"])
case(gm, "database/mysql/examples/migrations/1_init.up.sql", DB, (), ["postgresql"])
case(gm, "database/sqlite/examples/migrations/33_create_table.up.sql", DB, (), ["postgresql"])
case(gm, "database/sqlite/examples/migrations/44_alter_table.up.sql", DB, (), ["postgresql"])
case(gm, "database/postgres/examples/migrations/1085649617_create_users_table.up.sql", ["postgresql"], DB)
case(gm, "database/postgres/examples/migrations/1285849751_add_index_on_user_emails.up.sql", ["postgresql"], DB)
case(gm, "database/postgres/examples/migrations/1385949617_create_books_table.up.sql", ["postgresql"], DB)
case(gm, "Dockerfile.github-actions", ["docker"])
case(gm, "Dockerfile.circleci", ["docker"])
case(gm, ".github/workflows/ci.yaml", ["github-actions"])
case(gm, "database/sqlite/sqlite.go", ["go"])
case(gm, "database/sqlite/sqlite_test.go", ["go", "testing"])

hl = "highlight/highlight"
for p in ["backend/clickhouse/migrations/000001_create_logs_table.up.sql",
          "backend/clickhouse/migrations/000002_rename_logs_table.up.sql"]:
    case(hl, p, DB, (), ["postgresql"])
for p in ["docker/backend.Dockerfile", "docker/frontend.Dockerfile", "deploy/kafka-connect.Dockerfile", "e2e/base.Dockerfile"]:
    case(hl, p, ["docker"])
case(hl, "frontend/tailwind.config.js", ["tailwind-design-system"])
case(hl, "highlight.io/tailwind.config.js", ["tailwind-design-system"])

case("pressly/goose", "examples/sql-migrations/00001_create_users_table.sql", DB + ["postgresql"])
case("pressly/goose", "examples/go-migrations/00002_rename_root.go", ["go", "database-design"])

kz = "kubernetes-sigs/kustomize"
case(kz, "examples/helloWorld/kustomization.yaml", ["kubernetes", "gitops"])
case(kz, "examples/springboot/overlays/production/kustomization.yaml", ["kubernetes", "gitops"])
case(kz, "examples/helloWorld/deployment.yaml", ["kubernetes"], ["k8s-security-policies"])
case(kz, "examples/helloWorld/configMap.yaml", ["kubernetes"])
case(kz, "examples/helloWorld/service.yaml", ["kubernetes"])
case(kz, "examples/mySql/secret.yaml", ["kubernetes", "secrets-management"])
case(kz, "examples/wordpress/mysql/deployment.yaml", ["kubernetes"], ["k8s-security-policies"])
case(kz, "examples/multibases/base/pod.yaml", ["kubernetes", "k8s-security-policies"])
case(kz, "kyaml/fn/framework/testdata/template-processor/templates/container-sources/replication_controller.template.yaml", ["kubernetes"])
case(kz, "kustomize.Dockerfile", ["docker"])

ar = "argoproj/argocd-example-apps"
case(ar, "guestbook/guestbook-ui-deployment.yaml", ["kubernetes"], ["k8s-security-policies"])
case(ar, "guestbook/guestbook-ui-svc.yaml", ["kubernetes"])
case(ar, "apps/templates/applications.yaml", ["gitops", "helm"])
case(ar, "blue-green/templates/rollout.yaml", ["helm", "gitops", "kubernetes"])
case(ar, "helm-guestbook/values.yaml", ["helm"])
case(ar, "helm-guestbook/Chart.yaml", ["helm"])
case(ar, "pre-post-sync/pre-sync-job.yaml", ["kubernetes"])
case(ar, "sock-shop/base/front-end-ingress.yaml", ["kubernetes"])
case(ar, "sock-shop/base/carts-db-dep.yaml", ["kubernetes"], ["k8s-security-policies"])

ah = "aio-libs/aiohttp"
for p in ["examples/background_tasks.py", "examples/client_json.py", "examples/client_ws.py",
          "examples/server_simple.py", "examples/web_srv.py", "examples/lowlevel_srv.py",
          "examples/curl.py", "examples/fake_server.py", "examples/retry_middleware.py"]:
    case(ah, p, ["async-python"])
case(ah, "tests/test_client_middleware_digest_auth.py", PY_TEST + ["async-python"], (), ["secrets-management"])
case(ah, "tests/autobahn/Dockerfile.aiohttp", ["docker"])

hh = "NomicFoundation/hardhat-boilerplate"
case(hh, "test/Token.js", ["web3-testing"], ["javascript-testing-patterns", "testing"])
case(hh, "hardhat.config.js", ["web3-testing", "solidity"])
case(hh, "contracts/Token.sol", ["solidity"])
case(hh, "frontend/src/components/Dapp.js", ["react"])

se = "scaffold-eth/scaffold-eth-2"
case(se, "packages/hardhat/test/YourContract.ts", ["web3-testing"], ["testing", "typescript", "javascript-testing-patterns"])
case(se, "packages/hardhat/hardhat.config.ts", ["web3-testing", "solidity"])
case(se, "packages/hardhat/contracts/YourContract.sol", ["solidity"])
case(se, "packages/nextjs/app/debug/page.tsx", ["react", "typescript", "tailwind-design-system"])
case(se, ".github/workflows/lint.yaml", ["github-actions"])

tx = "shadcn-ui/taxonomy"
case(tx, "tailwind.config.js", ["tailwind-design-system"])
case(tx, "components/main-nav.tsx", ["react", "tailwind-design-system"])
case(tx, "app/api/posts/route.ts", ["typescript", "nodejs-backend-patterns", "api-design"])
case(tx, "app/api/webhooks/stripe/route.ts", ["payment-integration"])

ig = "infinitered/ignite"
rn = ["react-native-design"]
case(ig, "boilerplate/app.config.ts", rn)
case(ig, "boilerplate/app/screens/DemoDebugScreen.tsx", rn)
case(ig, "boilerplate/app/navigators/AppNavigator.tsx", rn)
case(ig, "boilerplate/app/screens/DemoShowroomScreen/demos/DemoCard.tsx", rn)
case(ig, "boilerplate/app/context/EpisodeContext.tsx", rn + ["react", "typescript"])
case(ig, "boilerplate/app/components/Text.test.tsx", ["javascript-testing-patterns", "testing"] + rn)
case(ig, "boilerplate/app/components/Button.tsx", rn)

ex = "expo/examples"
case(ex, "stickersmash/app/(tabs)/about.tsx", rn)
case(ex, "stickersmash/app.json", rn)
case(ex, "with-router-ai/src/app/index.tsx", rn)
case(ex, "with-router-ai/tailwind.config.js", ["tailwind-design-system"])
case(ex, "blank/App.js", rn)

pw = "microsoft/playwright-examples"
for p in ["tests/clock/clock.spec.ts", "tests/api-mocking/api-mocking.spec.ts", "tests/boxed-steps/boxed-step.spec.ts"]:
    case(pw, p, ["testing"], ["javascript-testing-patterns"])
case(pw, "playwright.config.ts", ["testing"])
case(pw, "tests/boxed-steps-pom/boxed-step-pom.ts", ["testing", "typescript"])
case(pw, ".github/workflows/playwright.yml", ["github-actions"])

sh = "getsentry/self-hosted"
case(sh, "docker-compose.yml", ["docker-compose"])
case(sh, "_integration-test/custom-ca-roots/docker-compose.test.yml", ["docker-compose"])
case(sh, "cron/Dockerfile", ["docker"])
case(sh, "clickhouse/Dockerfile", ["docker"])
case(sh, "install.sh", ["bash"])
case(sh, "_unit-test/geoip-test.sh", ["bash", "testing"])
case(sh, "_integration-test/test_01_basics.py", PY_TEST)

pc = "containers/podman-compose"
for p in ["tests/integration/deps/docker-compose-conditional-healthy.yaml",
          "tests/integration/compose_file_from_env/docker-compose-explicit.yml",
          "tests/integration/profile/docker-compose-only-profiles.yml",
          "tests/integration/abort/docker-compose-fail-first.yaml",
          "examples/hello-python/docker-compose.yaml"]:
    case(pc, p, ["docker-compose"])
case(pc, "tests/integration/build/context/Dockerfile-alt", ["docker"])
case(pc, "tests/integration/base_image/Dockerfile.test2", ["docker"])
case(pc, "examples/hello-python/Dockerfile", ["docker"])

al = "Altinn/app-localtest"
case(al, "podman-compose.yml", ["docker-compose"])
case(al, "docker-compose.yml", ["docker-compose"])
case(al, "loadbalancer/Dockerfile", ["docker"])

ag = "AdguardTeam/AdGuardHome"
case(ag, "docker/ci.Dockerfile", ["docker"])
case(ag, "docker/build.Dockerfile", ["docker"])
case(ag, ".github/workflows/workflow.yaml", ["github-actions"])
case(ag, "internal/home/authhttp.go", ["go"])

tz = "tozd/docker-base"
case(tz, ".gitlab-ci-template-entry.yml", ["gitlab-ci"])
case(tz, ".gitlab-ci-template-header.yml", ["gitlab-ci"])
case(tz, ".gitlab-ci.yml", ["gitlab-ci"])
case(tz, "ubuntu-noble.dockerfile", ["docker"])
case(tz, "alpine-320.dockerfile", ["docker"])
case(tz, "build.sh", ["bash"])

gr = "gitlabhq/gitlab-runner"
case(gr, ".gitlab-ci.yml", ["gitlab-ci"])
case(gr, ".gitlab/ci/build.gitlab-ci.yml", ["gitlab-ci"])
case(gr, ".gitlab/ci/_common.gitlab-ci.yml", ["gitlab-ci"])
case(gr, "executors/docker/docker.go", ["go"])
case(gr, "executors/docker/config_updater_test.go", ["go", "testing"])

dp = "django/djangoproject.com"
case(dp, "accounts/tests.py", PY_TEST, (), ["secrets-management"])
case(dp, "accounts/models.py", ["database-design"])
case(dp, "blog/models.py", ["database-design"])
case(dp, "fundraising/models.py", ["database-design", "payment-integration"])

bk = "wagtail/bakerydemo"
case(bk, "bakerydemo/breads/models.py", ["database-design"])
case(bk, "bakerydemo/settings/base.py", ["python-configuration"])
case(bk, "bakerydemo/base/migrations/0018_add_genericsettings_and_sitesettings.py", ["database-design"])
case(bk, "bakerydemo/base/tests/test_home_page.py", PY_TEST, (), ["secrets-management"])

mb = "miguelgrinberg/microblog"
case(mb, "app/models.py", ["database-design", "auth-implementation-patterns"], (), ["secrets-management"])
case(mb, "app/auth/routes.py", ["auth-implementation-patterns"])
case(mb, "Dockerfile", ["docker"])
case(mb, "boot.sh", ["bash"])
case(mb, "config.py", ["python-configuration"])
case(mb, "migrations/versions/e517276bb1c2_users_table.py", ["database-design"], (), ["secrets-management"])

du = "dbt-labs/dbt-utils"
case(du, "integration_tests/models/sql/test_deduplicate.sql", ["dbt"])
case(du, "integration_tests/models/sql/test_generate_series.sql", ["dbt"])
case(du, "integration_tests/dbt_project.yml", ["dbt"])
case(du, "integration_tests/macros/limit_zero.sql", ["dbt"])

gd = "bitbrain/gdUnit4"
case(gd, "addons/gdUnit4/plugin.gd", ["godot-gdscript-patterns"])
case(gd, "addons/gdUnit4/bin/GdUnitCmdTool.gd", ["godot-gdscript-patterns"])

cb = "spf13/cobra"
case(cb, "command.go", ["go"])
case(cb, "command_test.go", ["go", "testing"])
case(cb, "args.go", ["go"])

ky = "sindresorhus/ky"
case(ky, "source/core/Ky.ts", ["typescript"])
case(ky, "source/utils/merge.ts", ["typescript"])

asd = "asdf-vm/asdf"
case(asd, "internal/completions/asdf.bash", ["bash"])
case(asd, "internal/config/config.go", ["go"])
case(asd, "internal/config/config_test.go", ["go", "testing"])

hx = "encode/httpx"
case(hx, "httpx/_transports/asgi.py", ["async-python"] + PY_GENERAL)
case(hx, "httpx/_urlparse.py", PY_GENERAL)
case(hx, "httpx/_exceptions.py", PY_GENERAL)
case(hx, "tests/client/test_async_client.py", PY_TEST + ["async-python"])

sj = "serde-rs/json"
case(sj, "src/de.rs", ["rust"])
case(sj, "src/value/mod.rs", ["rust"])

te = "hashicorp/learn-terraform-provision-eks-cluster"
for p in ["main.tf", "variables.tf", "outputs.tf", "terraform.tf"]:
    case(te, p, ["terraform"])
tg = "gruntwork-io/terragrunt-infrastructure-modules-example"
case(tg, "modules/mysql/main.tf", ["terraform"], (), ["postgresql", "sql"])
case(tg, "modules/asg-alb-service/main.tf", ["terraform"])

md = "mdn/todo-react"
case(md, "src/App.jsx", ["react"])
case(md, "src/components/Todo.jsx", ["react"])

# Files read through the library's read_file (no local mirror); written by hand below from that text.
MANUAL = [
    ("FlorenceHC/.github", "11f394486327ad3f43c386953d35669d6f3c1318", "workflow-templates/pr-labeler.yml", ["github-actions"], [], []),
    ("FlorenceHC/.github", "11f394486327ad3f43c386953d35669d6f3c1318", "workflow-templates/release-drafter.yml", ["github-actions"], [], []),
    ("django/django", "0379e7532fdf3212b1fe22a58826109c23009be3", "django/contrib/auth/base_user.py", ["database-design", "auth-implementation-patterns"], [], ["secrets-management"]),
]

def slug(repo):
    return repo.replace("/", "__")

def main():
    out = []
    for repo, path, first, top3, not5 in C:
        git = f"{MIRROR}/{repo.replace('/', '+')}/repo"
        commit = subprocess.check_output(["git", "-C", git, "rev-parse", "HEAD"], text=True).strip()
        text = subprocess.check_output(["git", "-C", git, "show", f"HEAD:{path}"], text=True)
        lines = text.splitlines(keepends=True)
        excerpt = len(lines) > MAX_LINES
        dest = os.path.join(HERE, "files", slug(repo), path)
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        with open(dest, "w") as f:
            f.write("".join(lines[:MAX_LINES]))
        out.append(dict(repo=repo, commit=commit, path=path, license=LICENSES[repo],
                        excerpt=f"first {MAX_LINES} lines" if excerpt else "whole file",
                        first=first, top3=top3, not_top5=not5))
    for repo, commit, path, first, top3, not5 in MANUAL:
        dest = os.path.join(HERE, "files", slug(repo), path)
        if not os.path.exists(dest):
            sys.exit(f"write {dest} by hand first")
        out.append(dict(repo=repo, commit=commit, path=path, license=LICENSES[repo],
                        excerpt="see file", first=first, top3=list(dict.fromkeys(first + top3)), not_top5=not5))
    with open(os.path.join(HERE, "cases.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print(len(out), "cases from", len({c["repo"] for c in out}), "repositories")

main()
