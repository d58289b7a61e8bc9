//! The back-end suite against the local tantivy index, in a temporary folder.

mod backends;

use newsidx::backend::Archive;
use newsidx::cli::IndexArgs;
use newsidx::index::{IndexStorage, Session};

use backends::suite::UnderTest;

/// A local index in its own temporary folder.
struct Local {
    dir: tempfile::TempDir,
}

impl Local {
    fn new() -> Local {
        Local {
            dir: tempfile::tempdir().expect("temporary folder"),
        }
    }
}

impl UnderTest for Local {
    type S = IndexStorage;

    /// Opened as `newsidx index` opens it: the memory budget in MB, the threads given.
    fn storage(&mut self, args: &IndexArgs) -> IndexStorage {
        let threads = args.threads.unwrap_or(1);
        let memory = newsidx::indexer::writer_budget(args.memory, threads);
        IndexStorage::open(self.dir.path(), args.rebuild, memory, threads).expect("open index")
    }

    fn archive(&self) -> Box<dyn Archive + '_> {
        Box::new(Session::open(self.dir.path()).expect("open index for reading"))
    }
}

backends::backend_suite!(Local::new());
