//! The generated route table matches openapi.json and covers it.

#[path = "../../../xtask/src/gen_routes.rs"]
#[allow(dead_code)]
mod gen_routes;

use std::path::PathBuf;

use kokoro_http::routes::Operation;

fn spec() -> Option<String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let candidates = [
        std::env::var_os("KOKORO_OPENAPI").map(PathBuf::from),
        Some(root.join("../shared/discord-api-spec/openapi.json")),
        Some(root.join("../../shared/discord-api-spec/openapi.json")),
    ];
    let path = candidates.into_iter().flatten().find(|p| p.exists());
    match path {
        Some(p) => Some(std::fs::read_to_string(p).expect("readable openapi.json")),
        None => {
            eprintln!("skipped: ../shared/discord-api-spec/openapi.json is absent");
            None
        }
    }
}

#[test]
fn generated_routes_are_not_stale() {
    let Some(spec) = spec() else { return };
    let expected: Vec<(String, String, String, bool)> = gen_routes::operations(&spec)
        .unwrap()
        .into_iter()
        .map(|o| (o.method, o.template, o.id, o.interaction))
        .collect();
    let actual: Vec<(String, String, String, bool)> = Operation::ALL
        .iter()
        .map(|o| {
            (
                o.method().to_string(),
                o.template().to_owned(),
                o.name().to_owned(),
                o.is_interaction(),
            )
        })
        .collect();
    assert_eq!(
        actual, expected,
        "src/routes/generated.rs is stale: run `cargo xtask gen-routes`"
    );
}

#[test]
fn routes_cover_at_least_95_percent_of_openapi() {
    let Some(spec) = spec() else { return };
    let ops = gen_routes::operations(&spec).unwrap();
    let total = gen_routes::spec_operation_count(&spec).unwrap();
    let covered = ops
        .iter()
        .filter(|o| {
            Operation::ALL
                .iter()
                .any(|a| a.name() == o.id && a.template() == o.template)
        })
        .count()
        - (ops.len() - total);
    let percent = covered as f64 * 100.0 / total as f64;
    eprintln!("route coverage: {covered}/{total} = {percent:.1}%");
    assert!(percent >= 95.0, "{percent}%");
}

/// A spec operation counts as typed when a typed request sends it, or sends its
/// interaction alias (same method and path shape, exempt from the global limit).
fn shape(template: &str) -> String {
    let mut out = String::with_capacity(template.len());
    let mut in_param = false;
    for c in template.chars() {
        match c {
            '{' => {
                in_param = true;
                out.push('{');
            }
            '}' => {
                in_param = false;
                out.push('}');
            }
            _ if in_param => {}
            _ => out.push(c),
        }
    }
    out
}

#[test]
fn typed_requests_cover_at_least_95_percent_of_openapi() {
    let Some(spec) = spec() else { return };
    let total = gen_routes::spec_operation_count(&spec).unwrap();
    let typed = kokoro_http::typed::op::typed_operations();
    let spec_ops: Vec<Operation> = gen_routes::operations(&spec)
        .unwrap()
        .into_iter()
        .filter(|o| !gen_routes::is_alias(o))
        .filter_map(|o| Operation::ALL.iter().copied().find(|a| a.name() == o.id))
        .collect();
    assert_eq!(
        spec_ops.len(),
        total,
        "spec operations without an Operation"
    );
    let (covered, missing): (Vec<Operation>, Vec<Operation>) =
        spec_ops.into_iter().partition(|o| {
            typed.iter().any(|t| {
                t == o || (t.method() == o.method() && shape(t.template()) == shape(o.template()))
            })
        });
    let percent = covered.len() as f64 * 100.0 / total as f64;
    eprintln!(
        "typed coverage: {}/{total} = {percent:.1}%; untyped:",
        covered.len()
    );
    for o in &missing {
        eprintln!("  {o}");
    }
    assert!(percent >= 95.0, "typed coverage {percent:.1}% < 95%");
}
