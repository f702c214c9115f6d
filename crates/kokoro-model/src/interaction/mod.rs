//! Interactions of every type, their data, and the responses to them.
