//! Result output: the only code that prints records and hits.

pub mod human;
