//! `cargo xtask <task>`: the project's chores, in Rust so they run wherever cargo does.

use std::{
    env,
    path::{Path, PathBuf},
    process::{Command, ExitCode},
};

const USAGE: &str = "usage: cargo xtask <task>

tasks:
  ci        what CI runs: fmt --check, clippy -D warnings, tests, docs
  test      the test suite (cargo nextest when installed, else cargo test)
  schemas   print SchemaName<TAB>kokoro type for every covered *Response schema of openapi.json
  events    print every dispatch event name kokoro-model decodes into a typed variant
  corpus    generate the shared gateway corpus into target/corpus (needs python3)
  bench     generate the corpus if missing, then run every benchmark
  soak      500 random gateway faults against the emulator (KOKORO_SOAK_ROUNDS to change)
  gen-routes  regenerate crates/kokoro-http/src/routes/generated.rs from ../shared/discord-api-spec/openapi.json
  routes    print `METHOD /path` for every typed REST route";

// `spec_operation_count` serves kokoro-http's coverage test, which includes this file.
#[allow(dead_code)]
mod gen_routes;

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("ci") => ci(),
        Some("test") => test(),
        Some("schemas") => {
            schemas();
            Ok(())
        }
        Some("events") => events(),
        Some("corpus") => corpus(false).map(|_| ()),
        Some("bench") => bench(&args[1..]),
        Some("soak") => soak(),
        Some("gen-routes") => gen_routes_task(),
        Some("routes") => {
            routes();
            Ok(())
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

fn run(program: &str, args: &[&str]) -> Result<(), String> {
    eprintln!("$ {program} {}", args.join(" "));
    let status = Command::new(program)
        .args(args)
        .current_dir(root())
        .status()
        .map_err(|e| format!("could not start {program}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{program} {} failed with {status}", args.join(" ")))
    }
}

fn has_nextest() -> bool {
    Command::new("cargo")
        .args(["nextest", "--version"])
        .output()
        .is_ok_and(|o| o.status.success())
}

fn test() -> Result<(), String> {
    // Tests that replay a gateway session read this small corpus; they skip
    // (and say so) when it cannot be generated.
    let corpus = match small_corpus() {
        Ok(dir) => dir,
        Err(message) => {
            eprintln!("xtask: no small corpus ({message}); corpus tests will skip");
            root().join("target/corpus-small")
        }
    };
    let corpus = corpus.to_string_lossy().into_owned();
    let cargo = |args: &[&str]| -> Result<(), String> {
        eprintln!("$ KOKORO_CORPUS={corpus} cargo {}", args.join(" "));
        let status = Command::new("cargo")
            .args(args)
            .env("KOKORO_CORPUS", &corpus)
            .current_dir(root())
            .status()
            .map_err(|e| format!("could not start cargo: {e}"))?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("cargo {} failed", args.join(" ")))
        }
    };
    if has_nextest() {
        cargo(&[
            "nextest",
            "run",
            "--workspace",
            "--lib",
            "--bins",
            "--tests",
            "--examples",
            "--no-fail-fast",
        ])?;
    } else {
        cargo(&[
            "test",
            "--workspace",
            "--lib",
            "--bins",
            "--tests",
            "--examples",
            "--no-fail-fast",
        ])?;
    }
    // nextest does not run doctests.
    cargo(&["test", "--workspace", "--doc"])
}

/// A quick session (20,000 steady-state events, a 5,000-member big guild) in
/// target/corpus-small, with events.zst when the zstandard package can be had.
fn small_corpus() -> Result<PathBuf, String> {
    let out = root().join("target/corpus-small");
    if out.join("events.jsonl").exists() {
        return Ok(out);
    }
    let generator = corpus_generator()?;
    let out_s = out.to_string_lossy().into_owned();
    let gen_s = generator.to_string_lossy().into_owned();
    let args = [
        "--events",
        "20000",
        "--big-guild",
        "5000",
        "--out",
        out_s.as_str(),
    ];
    let python = match corpus_python() {
        Ok(python) => python,
        Err(message) => {
            eprintln!("xtask: {message}; generating without events.zst");
            PathBuf::from("python3")
        }
    };
    let mut full = vec![gen_s.as_str()];
    full.extend(args);
    run(&python.to_string_lossy(), &full)?;
    Ok(out)
}

/// A Python with the zstandard package, in target/corpus-venv.
fn corpus_python() -> Result<PathBuf, String> {
    let venv = root().join("target/corpus-venv");
    let python = venv.join("bin/python");
    if !python.exists() {
        run("python3", &["-m", "venv", &venv.to_string_lossy()])?;
    }
    let ok = Command::new(&python)
        .args(["-c", "import zstandard"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        run(
            &python.to_string_lossy(),
            &["-m", "pip", "install", "--quiet", "zstandard"],
        )?;
    }
    Ok(python)
}

fn ci() -> Result<(), String> {
    run("cargo", &["fmt", "--all", "--check"])?;
    run(
        "cargo",
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
    )?;
    test()?;
    let status = Command::new("cargo")
        .args(["doc", "--workspace", "--no-deps"])
        .env("RUSTDOCFLAGS", "-D warnings")
        .current_dir(root())
        .status()
        .map_err(|e| format!("could not start cargo doc: {e}"))?;
    if !status.success() {
        return Err("cargo doc failed".into());
    }
    Ok(())
}

/// The shared corpus generator, beside the repository (`../shared/corpus`).
fn corpus_generator() -> Result<PathBuf, String> {
    let candidates = [
        env::var_os("KOKORO_CORPUS_GEN").map(PathBuf::from),
        Some(root().join("../shared/corpus/gen.py")),
    ];
    candidates
        .into_iter()
        .flatten()
        .find(|p| p.exists())
        .ok_or_else(|| {
            "no corpus generator: expected ../shared/corpus/gen.py or KOKORO_CORPUS_GEN".into()
        })
}

/// Generates the full default corpus into target/corpus unless it is there.
fn corpus(force: bool) -> Result<PathBuf, String> {
    let out = root().join("target/corpus");
    if !force && out.join("events.jsonl").exists() && out.join("events.zst").exists() {
        return Ok(out);
    }
    let generator = corpus_generator()?;
    let python = corpus_python()?;
    run(
        python.to_str().unwrap_or("python3"),
        &[
            generator.to_str().unwrap_or("gen.py"),
            "--out",
            out.to_str().unwrap_or("target/corpus"),
        ],
    )?;
    Ok(out)
}

fn bench(extra: &[String]) -> Result<(), String> {
    let out = corpus(false)?;
    let dir = out.to_str().unwrap_or("target/corpus").to_owned();
    let mut args = vec!["bench", "--workspace"];
    args.extend(extra.iter().map(String::as_str));
    eprintln!("$ KOKORO_CORPUS={dir} cargo {}", args.join(" "));
    let status = Command::new("cargo")
        .args(&args)
        .env("KOKORO_CORPUS", &dir)
        .current_dir(root())
        .status()
        .map_err(|e| format!("could not start cargo bench: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err("cargo bench failed".into())
    }
}

macro_rules! mapping {
    ($($schema:literal => $ty:ty,)*) => {
        /// The schema → type table that tests/openapi_responses.rs checks.
        fn schema_table() -> Vec<(&'static str, &'static str)> {
            vec![$(($schema, stringify!($ty))),*]
        }
    };
}

include!("../../crates/kokoro-model/tests/openapi/mapping.rs");

fn schemas() {
    for (schema, ty) in schema_table() {
        // `stringify!` spaces out paths; print them as written.
        println!("{schema}\t{}", ty.replace(' ', ""));
    }
}

/// Decodes every dispatch fixture with both decoders and prints the names that
/// came out as a typed variant; fails if any decoded to `Event::Unknown`.
fn events() -> Result<(), String> {
    use kokoro_model::gateway::{GatewayEvent, decode, decode_json, event::Event};

    let dir = root().join("crates/kokoro-model/tests/fixtures/events");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    let mut names = std::collections::BTreeSet::new();
    for path in &paths {
        let raw = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut simd = raw.clone();
        for decoded in [decode_json(&raw), decode(&mut simd)] {
            match decoded {
                Ok(GatewayEvent::Dispatch {
                    event: Event::Unknown(unknown),
                    ..
                }) => {
                    // Fixtures of unknown events exist on purpose; they must stay unknown.
                    if !path.to_string_lossy().contains("UNKNOWN") {
                        return Err(format!(
                            "{}: decoded as unknown {}",
                            path.display(),
                            unknown.name
                        ));
                    }
                }
                Ok(GatewayEvent::Dispatch { event, .. }) => {
                    names.insert(event.name().to_owned());
                }
                Ok(_) => {}
                Err(e) => return Err(format!("{}: {e}", path.display())),
            }
        }
    }
    for name in names {
        println!("{name}");
    }
    Ok(())
}

/// Where Discord's openapi.json lives: `$KOKORO_OPENAPI`, else `shared/discord-api-spec/openapi.json`
/// beside the repository (or beside the directory of worktrees holding it).
fn openapi_path() -> PathBuf {
    let candidates = [
        env::var_os("KOKORO_OPENAPI").map(PathBuf::from),
        Some(root().join("../shared/discord-api-spec/openapi.json")),
        Some(root().join("../../shared/discord-api-spec/openapi.json")),
    ];
    candidates
        .iter()
        .flatten()
        .find(|p| p.exists())
        .cloned()
        .unwrap_or_else(|| root().join("../shared/discord-api-spec/openapi.json"))
}

fn gen_routes_task() -> Result<(), String> {
    let spec_path = openapi_path();
    let spec = std::fs::read_to_string(&spec_path)
        .map_err(|e| format!("cannot read {}: {e}", spec_path.display()))?;
    let ops = gen_routes::operations(&spec)?;
    let source = gen_routes::render(&ops)?;
    let out = root().join("crates/kokoro-http/src/routes/generated.rs");
    std::fs::write(&out, source).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    run(
        "rustfmt",
        &["--edition", "2024", out.to_str().unwrap_or_default()],
    )?;
    eprintln!("wrote {} ({} operations)", out.display(), ops.len());
    Ok(())
}

fn routes() {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    for op in kokoro_http::typed::op::typed_operations() {
        if writeln!(out, "{} {}", op.method(), op.template()).is_err() {
            return;
        }
    }
}

/// The long soak: random faults against kokoro-emulator, every event seen once
/// and in order, memory flat. CI runs the same tests with 50 rounds.
fn soak() -> Result<(), String> {
    let rounds = env::var("KOKORO_SOAK_ROUNDS").unwrap_or_else(|_| "500".into());
    eprintln!("$ KOKORO_SOAK_ROUNDS={rounds} cargo test --release -p kokoro-gateway soak");
    let status = Command::new("cargo")
        .args([
            "test",
            "--release",
            "-p",
            "kokoro-gateway",
            "--test",
            "emulator",
            "--test",
            "shard",
            "soak",
            "--",
            "--nocapture",
        ])
        .env("KOKORO_SOAK_ROUNDS", &rounds)
        .current_dir(root())
        .status()
        .map_err(|e| format!("could not start cargo: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err("the soak failed".into())
    }
}
