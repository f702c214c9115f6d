//! Operation markers of the application, entitlement, SKU, role-connection and OAuth2 families (see [`crate::typed`]).

#[allow(unused_imports)]
use kokoro_model as model;

ops! {}
