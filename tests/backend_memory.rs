//! The back-end suite against the toy in-memory store: the seam carries everything the
//! commands need, with no tantivy behind it.

mod backends;

backends::backend_suite!(backends::memory::Memory::new());
