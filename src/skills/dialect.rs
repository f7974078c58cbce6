//! SQL dialects: which one a SQL file is written in, for `dialect` content signals (a PostgreSQL
//! skill should not rank first on a ClickHouse migration). Decided, in this order, by the
//! document's language id (`pgsql`, `mysql`, ...), a word of its path (`database/clickhouse/`,
//! `postgres_schema.sql`), syntax only one dialect has (`ENGINE = MergeTree`, `AUTO_INCREMENT`,
//! `BIGSERIAL`, `STRUCT<`), and the project files beside it (`.sqlfluff`, `sqlc.yaml`, dbt's
//! `profiles.yml`, `alembic.ini`, `flyway.conf`, `schema.prisma`, `drizzle.config.*`). Anything
//! ambiguous is no dialect: a generic `CREATE TABLE` belongs to no dialect skill.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{LazyLock, Mutex};
use std::time::{Duration, Instant};

use regex::{Regex, RegexSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dialect {
    PostgreSql,
    MySql,
    Sqlite,
    ClickHouse,
    Snowflake,
    BigQuery,
}

const ALL: &[(Dialect, &str)] = &[
    (Dialect::PostgreSql, "postgresql"),
    (Dialect::MySql, "mysql"),
    (Dialect::Sqlite, "sqlite"),
    (Dialect::ClickHouse, "clickhouse"),
    (Dialect::Snowflake, "snowflake"),
    (Dialect::BigQuery, "bigquery"),
];

impl Dialect {
    /// The names a `dialect` signal accepts.
    pub fn names() -> Vec<&'static str> {
        ALL.iter().map(|(_, n)| *n).collect()
    }

    pub fn name(self) -> &'static str {
        ALL.iter()
            .find(|(d, _)| *d == self)
            .map(|(_, n)| *n)
            .unwrap_or("sql")
    }

    /// A signal's value (`postgresql`, also `postgres`/`pg`, `mariadb`, `sqlite3`, `bq`).
    pub fn parse(word: &str) -> Option<Dialect> {
        Some(match word.to_ascii_lowercase().as_str() {
            "postgresql" | "postgres" | "pg" | "psql" | "pgsql" | "postgis" | "redshift"
            | "timescale" | "timescaledb" | "cockroachdb" | "supabase" => Dialect::PostgreSql,
            "mysql" | "mariadb" | "mysql2" | "aurora-mysql" => Dialect::MySql,
            "sqlite" | "sqlite3" | "libsql" | "turso" | "d1" => Dialect::Sqlite,
            "clickhouse" => Dialect::ClickHouse,
            "snowflake" => Dialect::Snowflake,
            "bigquery" | "bq" => Dialect::BigQuery,
            _ => return None,
        })
    }

    /// A path word that names a dialect. Narrower than `parse`: `pg` or `d1` as a folder name
    /// says little.
    fn from_path_word(word: &str) -> Option<Dialect> {
        match word {
            "postgres" | "postgresql" | "pgsql" | "psql" | "postgis" | "redshift"
            | "timescaledb" => Some(Dialect::PostgreSql),
            "mysql" | "mariadb" => Some(Dialect::MySql),
            "sqlite" | "sqlite3" | "libsql" => Some(Dialect::Sqlite),
            "clickhouse" => Some(Dialect::ClickHouse),
            "snowflake" => Some(Dialect::Snowflake),
            "bigquery" => Some(Dialect::BigQuery),
            _ => None,
        }
    }
}

/// Syntax that one dialect has and the others do not (case-insensitive), each counted once.
const MARKERS: &[(Dialect, &str)] = &[
    (Dialect::PostgreSql, r"\b(?:big|small)?serial\b"),
    (Dialect::PostgreSql, r"\bjsonb\b"),
    (Dialect::PostgreSql, r"\btimestamptz\b"),
    (
        Dialect::PostgreSql,
        r"::\s*(?:text|int[248]?|integer|bigint|uuid|jsonb?|date|timestamptz|regclass|numeric|varchar)\b",
    ),
    (
        Dialect::PostgreSql,
        r"\bcreate\s+(?:or\s+replace\s+)?extension\b",
    ),
    (Dialect::PostgreSql, r"\bconcurrently\b"),
    (Dialect::PostgreSql, r"\bilike\b"),
    (Dialect::PostgreSql, r"\blanguage\s+'?plpgsql\b|\$\$"),
    (
        Dialect::PostgreSql,
        r"\b(?:gen_random_uuid|uuid_generate_v4)\s*\(",
    ),
    (Dialect::PostgreSql, r"\bbytea\b"),
    // Lock-aware migration syntax only PostgreSQL has.
    (
        Dialect::PostgreSql,
        r"\bnot\s+valid\b|\bvalidate\s+constraint\b",
    ),
    (Dialect::PostgreSql, r"\bindex\s+concurrently\b"),
    (Dialect::PostgreSql, r"\bas\s+enum\s*\("),
    (
        Dialect::PostgreSql,
        r"\b(?:text|integer|varchar|uuid)\s*\[\]",
    ),
    (Dialect::MySql, r"\bauto_increment\b"),
    (Dialect::MySql, r"\bengine\s*=\s*(?:innodb|myisam|aria)\b"),
    (Dialect::MySql, r"\bunsigned\b"),
    (
        Dialect::MySql,
        r"\b(?:default\s+)?charset\s*=|\bcollate\s*=\s*utf8",
    ),
    (Dialect::MySql, r"\b(?:tiny|medium|long)(?:int|text|blob)\b"),
    (Dialect::MySql, r"\bon\s+update\s+current_timestamp\b"),
    (
        Dialect::MySql,
        r"(?m)^\s*`\w+`\s+(?:int|bigint|varchar|text|datetime|tinyint)\b",
    ),
    (Dialect::Sqlite, r"\bautoincrement\b"),
    (Dialect::Sqlite, r"(?m)^\s*pragma\s+\w+"),
    (Dialect::Sqlite, r"\bwithout\s+rowid\b"),
    (Dialect::Sqlite, r"\bsqlite_\w+"),
    (
        Dialect::ClickHouse,
        r"\bengine\s*=\s*(?:replicated)?(?:\w*mergetree|memory|log|tinylog|stripelog|distributed|kafka|buffer)\b",
    ),
    (Dialect::ClickHouse, r"\blowcardinality\s*\("),
    (
        Dialect::ClickHouse,
        r"\b(?:uint(?:8|16|32|64|128|256)|int(?:8|16|32|128|256)|float32)\b",
    ),
    (Dialect::ClickHouse, r"\bdatetime64\b"),
    (Dialect::ClickHouse, r"\bcodec\s*\("),
    (Dialect::ClickHouse, r"\bnullable\s*\("),
    (Dialect::ClickHouse, r"\bon\s+cluster\b"),
    (Dialect::ClickHouse, r"\bsettings\s+index_granularity\b"),
    (
        Dialect::Snowflake,
        r"\bcreate\s+(?:or\s+replace\s+)?(?:transient\s+)?(?:warehouse|stage|pipe|stream|task|file\s+format)\b",
    ),
    (Dialect::Snowflake, r"\bvariant\b"),
    (Dialect::Snowflake, r"\bcopy\s+into\b"),
    (
        Dialect::Snowflake,
        r"\blateral\s+flatten\b|\bflatten\s*\(\s*input\s*=>",
    ),
    (Dialect::Snowflake, r"\btimestamp_(?:ntz|ltz|tz)\b"),
    (Dialect::BigQuery, r"`[\w-]+\.[\w-]+\.[\w-]+`"),
    (Dialect::BigQuery, r"\b(?:struct|array)\s*<"),
    (
        Dialect::BigQuery,
        r"\bsafe_(?:cast|divide)\s*\(|\bsafe\.\w+\s*\(",
    ),
    (Dialect::BigQuery, r"\b(?:int64|float64|bignumeric)\b"),
    (Dialect::BigQuery, r"\b_table_suffix\b|\b_partitiontime\b"),
];

static MARKER_SET: LazyLock<RegexSet> = LazyLock::new(|| {
    regex::RegexSetBuilder::new(MARKERS.iter().map(|(_, r)| *r))
        .case_insensitive(true)
        .build()
        .expect("static dialect markers")
});

/// The dialect of a SQL document, if anything says which.
pub fn detect(
    text: &str,
    language_id: &str,
    rel: Option<&str>,
    path: Option<&Path>,
    root: Option<&Path>,
) -> Option<Dialect> {
    if let Some(d) = match language_id {
        "pgsql" | "postgres" | "postgresql" => Some(Dialect::PostgreSql),
        "mysql" => Some(Dialect::MySql),
        "sqlite" => Some(Dialect::Sqlite),
        "clickhouse" => Some(Dialect::ClickHouse),
        "snowflake" | "snowflake-sql" => Some(Dialect::Snowflake),
        "bigquery" => Some(Dialect::BigQuery),
        _ => None,
    } {
        return Some(d);
    }
    from_path(rel?)
        .or_else(|| from_text(text))
        .or_else(|| from_neighbours(path?, root))
}

/// The last dialect word among the path's folders and file name (`database/mysql/x.sql`).
fn from_path(rel: &str) -> Option<Dialect> {
    rel.to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .rev()
        .find_map(Dialect::from_path_word)
}

/// The dialect with the most distinct markers in the text; none on a tie.
pub fn from_text(text: &str) -> Option<Dialect> {
    let mut counts: Vec<(Dialect, usize)> = Vec::new();
    for i in MARKER_SET.matches(text).iter() {
        let d = MARKERS[i].0;
        match counts.iter_mut().find(|(x, _)| *x == d) {
            Some((_, n)) => *n += 1,
            None => counts.push((d, 1)),
        }
    }
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    match counts.as_slice() {
        [(d, _)] => Some(*d),
        [(d, a), (_, b), ..] if a > b => Some(*d),
        _ => None,
    }
}

/// Project files that name the database, and the line that does: `.sqlfluff` `dialect = ...`,
/// sqlc `engine: ...`, dbt `profiles.yml` `type: ...`, `alembic.ini` `sqlalchemy.url = ...://`,
/// Flyway `jdbc:...:`, Prisma `provider = "..."`, Drizzle `dialect: "..."`.
const NEIGHBOURS: &[(&str, &str)] = &[
    (".sqlfluff", r"(?m)^\s*dialect\s*=\s*([\w-]+)"),
    ("sqlc.yaml", r#"(?m)^\s*-?\s*engine:\s*["']?([\w-]+)"#),
    ("sqlc.yml", r#"(?m)^\s*-?\s*engine:\s*["']?([\w-]+)"#),
    ("sqlc.json", r#""engine"\s*:\s*"([\w-]+)""#),
    ("profiles.yml", r#"(?m)^\s+type:\s*["']?([\w-]+)"#),
    ("alembic.ini", r"(?m)^\s*sqlalchemy\.url\s*=\s*([a-z0-9]+)"),
    ("flyway.conf", r"jdbc:([a-z0-9]+):"),
    ("flyway.toml", r"jdbc:([a-z0-9]+):"),
    (
        "schema.prisma",
        r#"provider\s*=\s*"(postgresql|mysql|sqlite|cockroachdb)""#,
    ),
    ("drizzle.config.ts", r#"dialect:\s*["']([\w-]+)["']"#),
    ("drizzle.config.js", r#"dialect:\s*["']([\w-]+)["']"#),
];

static NEIGHBOUR_RES: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    NEIGHBOURS
        .iter()
        .map(|(_, r)| Regex::new(r).expect("static neighbour regex"))
        .collect()
});

/// What each folder's project files said, for a while: selection runs on every keystroke and
/// these files change rarely.
type Seen = HashMap<PathBuf, (Instant, Option<Dialect>)>;
static CACHE: LazyLock<Mutex<Seen>> = LazyLock::new(Default::default);
const CACHE_FOR: Duration = Duration::from_secs(30);
/// Folders looked at above the document when it has no workspace root.
const MAX_UP: usize = 6;

/// The dialect the nearest project file names, from the document's folder up to the root.
fn from_neighbours(path: &Path, root: Option<&Path>) -> Option<Dialect> {
    let mut dir = path.parent();
    for _ in 0..MAX_UP {
        let d = dir?;
        if let Some(found) = folder_dialect(d) {
            return Some(found);
        }
        if root.is_some_and(|r| d == r) {
            break;
        }
        dir = d.parent();
    }
    None
}

fn folder_dialect(dir: &Path) -> Option<Dialect> {
    if let Some((at, d)) = CACHE.lock().ok()?.get(dir).copied()
        && at.elapsed() < CACHE_FOR
    {
        return d;
    }
    // Read outside the lock.
    let found = NEIGHBOURS
        .iter()
        .zip(NEIGHBOUR_RES.iter())
        .find_map(|((name, _), re)| {
            let text = read_start(&dir.join(name))?;
            re.captures_iter(&text)
                .find_map(|c| Dialect::parse(c.get(1)?.as_str()))
        });
    if let Ok(mut cache) = CACHE.lock() {
        if cache.len() > 4096 {
            cache.clear();
        }
        cache.insert(dir.to_path_buf(), (Instant::now(), found));
    }
    found
}

/// The first 16 KiB of a small project file in `path`'s folder, read through the guard: a
/// repository controls these files, and one that is a FIFO or a symlink out of the folder must
/// not block selection or be read.
fn read_start(path: &Path) -> Option<String> {
    let bytes = crate::skills::guard::read_bytes_capped(path, path.parent(), 1024 * 1024).ok()?;
    let start = &bytes[..bytes.len().min(16 * 1024)];
    Some(String::from_utf8_lossy(start).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str) -> Option<Dialect> {
        detect(t, "sql", Some("q.sql"), None, None)
    }

    #[test]
    fn dialect_syntax_decides() {
        assert_eq!(
            text("CREATE TABLE t (d Date) ENGINE = MergeTree ORDER BY d;"),
            Some(Dialect::ClickHouse)
        );
        assert_eq!(
            text("CREATE TABLE t (d Date) Engine=Memory;"),
            Some(Dialect::ClickHouse)
        );
        assert_eq!(
            text("CREATE TABLE t (id INT UNSIGNED AUTO_INCREMENT) ENGINE=InnoDB;"),
            Some(Dialect::MySql)
        );
        assert_eq!(
            text("CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT);"),
            Some(Dialect::Sqlite)
        );
        assert_eq!(
            text("CREATE TABLE t (id BIGSERIAL, meta JSONB, at TIMESTAMPTZ);"),
            Some(Dialect::PostgreSql)
        );
        assert_eq!(
            text("SELECT SAFE_CAST(x AS INT64) FROM `proj.ds.t`"),
            Some(Dialect::BigQuery)
        );
        assert_eq!(
            text("COPY INTO t FROM @stage; SELECT v:a::string FROM t, LATERAL FLATTEN(input => v)"),
            Some(Dialect::Snowflake)
        );
        // Nothing dialect-only: no dialect.
        assert_eq!(
            text("CREATE TABLE users (id int PRIMARY KEY, name text);"),
            None
        );
    }

    #[test]
    fn path_words_and_language_ids() {
        assert_eq!(
            detect(
                "CREATE TABLE t (a int);",
                "sql",
                Some("database/clickhouse/migrations/1.up.sql"),
                None,
                None
            ),
            Some(Dialect::ClickHouse)
        );
        assert_eq!(
            detect(
                "CREATE TABLE t (a int);",
                "sql",
                Some("db/postgres_schema.sql"),
                None,
                None
            ),
            Some(Dialect::PostgreSql)
        );
        assert_eq!(
            detect("SELECT 1", "pgsql", None, None, None),
            Some(Dialect::PostgreSql)
        );
        // The folder is the project's statement; `pg` alone is not a dialect word in a path.
        assert_eq!(
            detect("SELECT 1", "sql", Some("pg/q.sql"), None, None),
            None
        );
    }

    #[test]
    fn project_files_beside_the_document() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("models/staging")).unwrap();
        std::fs::write(
            root.join("profiles.yml"),
            "shop:\n  target: dev\n  outputs:\n    dev:\n      type: snowflake\n",
        )
        .unwrap();
        let doc = root.join("models/staging/orders.sql");
        assert_eq!(
            detect(
                "select 1",
                "sql",
                Some("models/staging/orders.sql"),
                Some(&doc),
                Some(root)
            ),
            Some(Dialect::Snowflake)
        );
        let other = tempfile::tempdir().unwrap();
        std::fs::write(
            other.path().join(".sqlfluff"),
            "[sqlfluff]\ndialect = bigquery\n",
        )
        .unwrap();
        let doc = other.path().join("q.sql");
        assert_eq!(
            detect(
                "select 1",
                "sql",
                Some("q.sql"),
                Some(&doc),
                Some(other.path())
            ),
            Some(Dialect::BigQuery)
        );
    }
}
