//! Events as a `Stream`, and waiting for one event.

use std::{
    fmt,
    future::Future,
    pin::Pin,
    sync::Mutex,
    task::{Context as TaskContext, Poll},
    time::Duration,
};

use futures::{Stream, StreamExt, stream::Map};
use tokio::{
    sync::{mpsc, oneshot},
    time::{Instant, Sleep},
};

use super::{Delivery, Dispatcher, FromEvent, Registration};

type Filter<E> = Box<dyn FnMut(&E) -> bool + Send>;

/// The events of type `E` from when it was created, as a [`Stream`].
///
/// Dropping it unregisters it; so does its end (timeout or limit reached).
#[must_use = "streams do nothing unless polled"]
pub struct EventStream<E> {
    rx: mpsc::UnboundedReceiver<E>,
    registration: Option<Registration>,
    deadline: Option<Pin<Box<Sleep>>>,
    remaining: Option<usize>,
    filter: Option<Filter<E>>,
}

impl<E> fmt::Debug for EventStream<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventStream")
            .field("remaining", &self.remaining)
            .field("open", &self.registration.is_some())
            .finish_non_exhaustive()
    }
}

impl<E: FromEvent> EventStream<E> {
    /// Ends the stream `timeout` from now.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.deadline = Some(Box::pin(tokio::time::sleep_until(Instant::now() + timeout)));
        self
    }

    /// Ends the stream after `limit` events (counted after the filter).
    pub fn limit(mut self, limit: usize) -> Self {
        self.remaining = Some(limit);
        if limit == 0 {
            self.close();
        }
        self
    }

    /// Keeps only the events `predicate` accepts. Filters compose.
    pub fn filter(mut self, mut predicate: impl FnMut(&E) -> bool + Send + 'static) -> Self {
        self.filter = Some(match self.filter.take() {
            Some(mut earlier) => Box::new(move |event: &E| earlier(event) && predicate(event)),
            None => Box::new(predicate),
        });
        self
    }

    /// Maps each event (after filter and limit).
    pub fn map<T, F: FnMut(E) -> T>(self, f: F) -> Map<Self, F> {
        StreamExt::map(self, f)
    }

    /// Whether the stream is still registered.
    pub fn is_open(&self) -> bool {
        self.registration.is_some()
    }

    fn close(&mut self) {
        self.registration = None;
        self.rx.close();
    }
}

impl<E: FromEvent> Stream for EventStream<E> {
    type Item = E;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<Option<E>> {
        let this = &mut *self;
        if this.remaining == Some(0) || this.registration.is_none() {
            return Poll::Ready(None);
        }
        if let Some(deadline) = &mut this.deadline
            && deadline.as_mut().poll(cx).is_ready()
        {
            this.close();
            return Poll::Ready(None);
        }
        loop {
            match this.rx.poll_recv(cx) {
                Poll::Ready(Some(event)) => {
                    if this.filter.as_mut().is_some_and(|filter| !filter(&event)) {
                        continue;
                    }
                    if let Some(remaining) = &mut this.remaining {
                        *remaining -= 1;
                        if *remaining == 0 {
                            this.close();
                        }
                    }
                    return Poll::Ready(Some(event));
                }
                Poll::Ready(None) => {
                    this.close();
                    return Poll::Ready(None);
                }
                Poll::Pending => return Poll::Pending,
            }
        }
    }
}

/// Why `wait_for` returned without an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WaitForError {
    /// No matching event came in time.
    #[error("no matching event within {0:?}")]
    Timeout(Duration),
}

impl Dispatcher {
    /// The events of type `E` from now on, as a `Stream`; see
    /// [`EventStream`] for timeout, limit, filter and map.
    pub fn stream<E: FromEvent>(&self) -> EventStream<E> {
        let (tx, rx) = mpsc::unbounded_channel();
        let registration = self.insert_sink::<E>(
            false,
            Box::new(move |event| match event.into_event::<E>() {
                Some(event) => match tx.send(event) {
                    Ok(()) => Delivery::Kept,
                    Err(_) => Delivery::Done,
                },
                None => Delivery::Kept,
            }),
        );
        EventStream {
            rx,
            registration: Some(registration),
            deadline: None,
            remaining: None,
            filter: None,
        }
    }

    /// The next event of type `E` that `predicate` accepts, within `timeout`.
    ///
    /// The waiter is registered by this call, not when the future is first
    /// polled: an event dispatched in between is not missed. The predicate
    /// runs on the dispatching task: keep it quick. Dropping the future
    /// unregisters the waiter.
    pub fn wait_for<E: FromEvent>(
        &self,
        timeout: Duration,
        predicate: impl Fn(&E) -> bool + Send + Sync + 'static,
    ) -> WaitFor<E> {
        let (tx, rx) = oneshot::channel();
        let tx = Mutex::new(Some(tx));
        let registration = self.insert_sink::<E>(
            true,
            Box::new(move |event| {
                let Some(event) = event.into_event::<E>() else {
                    return Delivery::Kept;
                };
                if !predicate(&event) {
                    return Delivery::Kept;
                }
                if let Some(tx) = tx.lock().unwrap_or_else(|e| e.into_inner()).take() {
                    let _ = tx.send(event);
                }
                Delivery::Done
            }),
        );
        WaitFor {
            rx,
            _registration: registration,
            timeout,
            deadline: Box::pin(tokio::time::sleep(timeout)),
        }
    }
}

/// The future [`Dispatcher::wait_for`] returns; dropping it unregisters the waiter.
#[must_use = "futures do nothing unless awaited"]
pub struct WaitFor<E> {
    rx: oneshot::Receiver<E>,
    _registration: Registration,
    timeout: Duration,
    deadline: Pin<Box<Sleep>>,
}

impl<E> fmt::Debug for WaitFor<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WaitFor")
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl<E> Future for WaitFor<E> {
    type Output = Result<E, WaitForError>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        match Pin::new(&mut this.rx).poll(cx) {
            Poll::Ready(Ok(event)) => return Poll::Ready(Ok(event)),
            // The sender is only dropped with the registration, which we hold.
            Poll::Ready(Err(_)) => return Poll::Ready(Err(WaitForError::Timeout(this.timeout))),
            Poll::Pending => {}
        }
        match this.deadline.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(WaitForError::Timeout(this.timeout))),
            Poll::Pending => Poll::Pending,
        }
    }
}
