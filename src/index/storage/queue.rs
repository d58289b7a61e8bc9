//! A bound on the documents waiting for tantivy's writer threads.
//!
//! tantivy queues up to 10,000 documents between `add_document` and its writer threads.
//! They wait there exactly when memory is tightest: while a writer thread turns its full
//! arena into a segment, it takes no documents, and the readers fill the queue (about
//! 2.5 KB a news article, 25 MB for a full queue). Each document handed over carries a
//! ticket; tantivy drops the document, and with it the ticket, once it is indexed, so the
//! number of tickets out is the number of documents queued or being indexed.

use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use tantivy::schema::document::CompactDocValue;
use tantivy::schema::{Document, TantivyDocument};

/// The most documents queued for the writer threads: enough to keep them busy while
/// the readers catch up, a tenth of tantivy's own bound.
pub const QUEUED_DOCS: usize = 1_000;

/// How long `admit` waits for the writers before it hands a document over anyway. A
/// writer thread that died never returns its tickets; handing the document over then
/// lets tantivy report the dead writer instead of the run hanging.
const PATIENCE: Duration = Duration::from_secs(5);

/// The documents handed to tantivy and not yet indexed, and whether `admit` waits for
/// one of them. Knowing that lets a ticket skip the wake-up call when nobody waits: a
/// condvar's notify is a system call each time, one per document otherwise.
#[derive(Default)]
struct Out {
    docs: usize,
    waiting: bool,
}

type Shared = Arc<(Mutex<Out>, Condvar)>;

/// Counts the documents handed to tantivy and not yet indexed.
#[derive(Clone)]
pub struct Queue {
    state: Shared,
    cap: usize,
}

impl Queue {
    pub fn new(cap: usize) -> Queue {
        Queue {
            state: Arc::new((Mutex::new(Out::default()), Condvar::new())),
            cap: cap.max(1),
        }
    }

    /// Waits until fewer than `cap` documents are queued, then counts `doc` in.
    pub fn admit(&self, doc: TantivyDocument) -> Queued {
        let (lock, freed) = &*self.state;
        let mut out = lock.lock().unwrap_or_else(|e| e.into_inner());
        while out.docs >= self.cap {
            out.waiting = true;
            let (guard, wait) = freed
                .wait_timeout(out, PATIENCE)
                .unwrap_or_else(|e| e.into_inner());
            out = guard;
            if wait.timed_out() {
                break;
            }
        }
        out.waiting = false;
        out.docs += 1;
        Queued {
            doc,
            ticket: Ticket(Arc::clone(&self.state)),
        }
    }

    #[cfg(test)]
    fn out(&self) -> usize {
        self.state.0.lock().unwrap().docs
    }

    #[cfg(test)]
    fn someone_waits(&self) -> bool {
        self.state.0.lock().unwrap().waiting
    }
}

/// Returned when its document is dropped.
struct Ticket(Shared);

impl Drop for Ticket {
    fn drop(&mut self) {
        let (lock, freed) = &*self.0;
        let mut out = lock.lock().unwrap_or_else(|e| e.into_inner());
        out.docs = out.docs.saturating_sub(1);
        // Only one thread admits documents, so one wake-up is enough.
        let wake = out.waiting;
        drop(out);
        if wake {
            freed.notify_one();
        }
    }
}

/// A document on its way to tantivy, with its ticket.
pub struct Queued {
    doc: TantivyDocument,
    #[allow(dead_code)] // held for its `Drop`
    ticket: Ticket,
}

impl Document for Queued {
    type Value<'a> = CompactDocValue<'a>;
    type FieldsValuesIter<'a> = <TantivyDocument as Document>::FieldsValuesIter<'a>;

    fn iter_fields_and_values(&self) -> Self::FieldsValuesIter<'_> {
        self.doc.iter_fields_and_values()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tickets_come_back_when_documents_are_dropped() {
        let queue = Queue::new(2);
        let a = queue.admit(TantivyDocument::default());
        let b = queue.admit(TantivyDocument::default());
        assert_eq!(queue.out(), 2);
        drop(a);
        assert_eq!(queue.out(), 1);
        drop(b);
        assert_eq!(queue.out(), 0);
    }

    #[test]
    fn a_full_queue_waits_for_a_document_to_be_indexed() {
        let queue = Queue::new(1);
        let first = queue.admit(TantivyDocument::default());
        let waiting = {
            let queue = queue.clone();
            std::thread::spawn(move || {
                let _second = queue.admit(TantivyDocument::default());
            })
        };
        // Waits for the event (the admitting thread blocked), not for a span of time.
        while !queue.someone_waits() {
            assert!(
                !waiting.is_finished(),
                "the second document went in past the cap"
            );
            std::thread::yield_now();
        }
        assert_eq!(queue.out(), 1, "the second document went in past the cap");
        drop(first);
        waiting.join().unwrap();
        assert_eq!(queue.out(), 0);
    }
}
