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
