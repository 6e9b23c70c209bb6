//! Values derived from the workspace off the UI thread, each kept with the
//! key it was computed for: (document generation, revision), plus whatever
//! else it depends on. One helper serves the tabs' derived data, the search
//! index, the "as known on" analysis and the recovery check, so none of
//! them repeats the thread-and-channel plumbing, and none of their cost,
//! which grows with the workspace, lands on the UI thread.

use std::sync::mpsc::{Receiver, RecvTimeoutError, TryRecvError, channel};
use std::time::Duration;

/// (document generation, revision): changes whenever the workspace does.
pub type Revision = (u64, u64);

/// Workspaces with fewer figures and events than this derive on the UI
/// thread: a few milliseconds, and the result shows in the same frame.
/// Above it, work moves to a worker thread and the previous value shows
/// meanwhile; so the UI thread never spends more than this bound on it.
pub const INLINE_RECORDS: usize = 10_000;

/// The latest value computed, its key, and the computation under way.
pub struct Cached<K, T> {
    value: T,
    /// `None` until a value for some key is stored.
    key: Option<K>,
    running: Option<(K, Receiver<T>)>,
}

impl<K, T> Cached<K, T>
where
    K: Clone + PartialEq + Send + 'static,
    T: Send + 'static,
{
    /// Holds `initial`, current for no key.
    pub fn new(initial: T) -> Self {
        Self {
            value: initial,
            key: None,
            running: None,
        }
    }

    /// Stores a value computed elsewhere (the open job derives as it reads).
    pub fn set(&mut self, key: K, value: T) {
        self.value = value;
        self.key = Some(key);
        self.running = None;
    }

    /// Declares the value held to be the one for `key`.
    pub fn mark_current(&mut self, key: K) {
        self.key = Some(key);
        self.running = None;
    }

    /// The value if it was computed for `key`.
    pub fn current(&self, key: &K) -> Option<&T> {
        (self.key.as_ref() == Some(key)).then_some(&self.value)
    }

    /// The value for `key`, to change in place (take a one-shot result).
    pub fn current_mut(&mut self, key: &K) -> Option<&mut T> {
        (self.key.as_ref() == Some(key)).then_some(&mut self.value)
    }

    /// The last value computed, whichever key it was for: the tabs keep
    /// showing the previous figures while new ones are computed.
    pub fn latest(&self) -> &T {
        &self.value
    }

    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// Takes a finished computation's value. Returns whether one arrived.
    pub fn poll(&mut self) -> bool {
        let Some((key, rx)) = &self.running else {
            return false;
        };
        match rx.try_recv() {
            Ok(value) => {
                let key = key.clone();
                self.set(key, value);
                true
            }
            Err(TryRecvError::Empty) => false,
            // The worker died (a bug); compute again on the next refresh.
            Err(TryRecvError::Disconnected) => {
                self.running = None;
                false
            }
        }
    }

    /// Brings the value up to date for `key`: takes a finished result, or
    /// starts `work` (here when `inline`, else on a worker thread that
    /// repaints `ctx` when done). Work for an older key is abandoned.
    pub fn refresh(
        &mut self,
        key: K,
        ctx: &egui::Context,
        inline: bool,
        work: impl FnOnce() -> T + Send + 'static,
    ) {
        self.poll();
        if self.key.as_ref() == Some(&key) || self.running.as_ref().is_some_and(|(k, _)| *k == key)
        {
            return;
        }
        if inline {
            self.set(key, work());
            return;
        }
        let (tx, rx) = channel();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            // The app may have moved on (or closed); then nobody listens.
            let _ = tx.send(work());
            ctx.request_repaint();
        });
        self.running = Some((key, rx));
    }

    /// Blocks until the computation under way (if any) has finished, at
    /// most `timeout`: for tests and headless runs, never for a frame.
    pub fn wait(&mut self, timeout: Duration) {
        let Some((key, rx)) = &self.running else {
            return;
        };
        match rx.recv_timeout(timeout) {
            Ok(value) => {
                let key = key.clone();
                self.set(key, value);
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => self.running = None,
        }
    }
}

impl<K, T: Default> Default for Cached<K, T> {
    fn default() -> Self {
        Self {
            value: T::default(),
            key: None,
            running: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_work_is_current_at_once_and_not_repeated() {
        let ctx = egui::Context::default();
        let mut cached = Cached::new(0);
        cached.refresh(1, &ctx, true, || 10);
        assert_eq!(cached.current(&1), Some(&10));
        cached.refresh(1, &ctx, true, || panic!("computed twice"));
        assert_eq!(cached.current(&2), None);
    }

    #[test]
    fn background_work_keeps_the_previous_value_until_it_arrives() {
        let ctx = egui::Context::default();
        let mut cached = Cached::new(0);
        cached.set(1, 10);
        let (release, gate) = channel::<()>();
        cached.refresh(2, &ctx, false, move || {
            let _ = gate.recv();
            20
        });
        assert_eq!(*cached.latest(), 10);
        assert!(cached.current(&2).is_none());
        assert!(cached.is_running());
        release.send(()).unwrap();
        cached.wait(Duration::from_secs(10));
        assert_eq!(cached.current(&2), Some(&20));
        assert!(!cached.is_running());
    }

    #[test]
    fn work_for_an_older_key_is_abandoned() {
        let ctx = egui::Context::default();
        let mut cached = Cached::new(0);
        let (release, gate) = channel::<()>();
        cached.refresh(1, &ctx, false, move || {
            let _ = gate.recv();
            10
        });
        cached.refresh(2, &ctx, true, || 20);
        drop(release);
        cached.wait(Duration::from_secs(10));
        assert_eq!(cached.current(&2), Some(&20));
        assert_eq!(*cached.latest(), 20);
    }
}
