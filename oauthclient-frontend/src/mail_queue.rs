//! Mail sent off the request path: an anonymous "send me a new link" answers at once, the same
//! way for every address, while the lookup and the SMTP round trip happen in a task of their
//! own. Bounded: past [`MAX_IN_FLIGHT`] sends at once, further ones are dropped (and logged),
//! so a flood of requests cannot pile up work; the rate limiter stops most of them earlier.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Sends in flight at once, across the whole process.
pub(crate) const MAX_IN_FLIGHT: usize = 64;

/// Runs mail work in the background, at most [`MAX_IN_FLIGHT`] at once.
#[derive(Debug, Clone, Default)]
pub(crate) struct MailQueue {
    in_flight: Arc<AtomicUsize>,
}

/// Gives the slot back when the task ends, however it ends.
struct Slot(Arc<AtomicUsize>);

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

impl MailQueue {
    /// Runs `work` on the current worker, after the response; `false` (and nothing runs) when
    /// the queue is full.
    pub(crate) fn spawn(&self, work: impl Future<Output = ()> + Send + 'static) -> bool {
        if self.in_flight.fetch_add(1, Ordering::AcqRel) >= MAX_IN_FLIGHT {
            self.in_flight.fetch_sub(1, Ordering::AcqRel);
            tracing::warn!("mail queue full: a confirmation mail was dropped");
            return false;
        }
        let slot = Slot(Arc::clone(&self.in_flight));
        tokio::spawn(async move {
            let _slot = slot;
            work.await;
        });
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_full_queue_refuses_and_a_finished_task_frees_its_slot() {
        let queue = MailQueue::default();
        queue.in_flight.store(MAX_IN_FLIGHT, Ordering::SeqCst);
        assert!(!queue.spawn(async {}));
        assert_eq!(queue.in_flight.load(Ordering::SeqCst), MAX_IN_FLIGHT);
        queue.in_flight.store(0, Ordering::SeqCst);
        let (done, finished) = tokio::sync::oneshot::channel();
        assert!(queue.spawn(async move {
            let _ = done.send(());
        }));
        finished.await.expect("the task ran");
        // The slot is released when the task's future is dropped, right after it completes.
        for _ in 0..100 {
            if queue.in_flight.load(Ordering::SeqCst) == 0 {
                break;
            }
            tokio::task::yield_now().await;
        }
        assert_eq!(queue.in_flight.load(Ordering::SeqCst), 0);
    }
}
