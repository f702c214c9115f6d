//! Small building blocks shared by the models.

#[macro_use]
pub(crate) mod macros;
mod image_hash;
pub mod nullable;

pub use image_hash::{ImageHash, ParseImageHashError};

/// `true` when a `bool` is `false`; for `skip_serializing_if`.
pub(crate) fn is_false(value: &bool) -> bool {
    !*value
}
