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

/// Counts the documents handed to tantivy and not yet indexed.
#[derive(Clone)]
pub struct Queue {
    state: Arc<(Mutex<usize>, Condvar)>,
    cap: usize,
}

impl Queue {
    pub fn new(cap: usize) -> Queue {
        Queue {
            state: Arc::new((Mutex::new(0), Condvar::new())),
            cap: cap.max(1),
        }
    }

    /// Waits until fewer than `cap` documents are queued, then counts `doc` in.
    pub fn admit(&self, doc: TantivyDocument) -> Queued {
        let (lock, freed) = &*self.state;
        let mut out = lock.lock().unwrap_or_else(|e| e.into_inner());
        while *out >= self.cap {
            let (guard, wait) = freed
                .wait_timeout(out, PATIENCE)
                .unwrap_or_else(|e| e.into_inner());
            out = guard;
            if wait.timed_out() {
                break;
            }
        }
        *out += 1;
        Queued {
            doc,
            ticket: Ticket(Arc::clone(&self.state)),
        }
    }

    #[cfg(test)]
    fn out(&self) -> usize {
        *self.state.0.lock().unwrap()
    }
}

/// Returned when its document is dropped.
struct Ticket(Arc<(Mutex<usize>, Condvar)>);

impl Drop for Ticket {
    fn drop(&mut self) {
        let (lock, freed) = &*self.0;
        let mut out = lock.lock().unwrap_or_else(|e| e.into_inner());
        *out = out.saturating_sub(1);
        freed.notify_one();
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
        std::thread::sleep(Duration::from_millis(50));
        assert!(
            !waiting.is_finished(),
            "the second document went in past the cap"
        );
        drop(first);
        waiting.join().unwrap();
        assert_eq!(queue.out(), 0);
    }
}
