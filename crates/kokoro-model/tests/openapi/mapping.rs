// Which kokoro-model type each `*Response` schema of openapi.json decodes into.
// (tests/openapi/mapping.rs) Read by tests/openapi_responses.rs and by `cargo xtask schemas`.
mapping! {
    "UserResponse" => kokoro_model::user::User,
}
