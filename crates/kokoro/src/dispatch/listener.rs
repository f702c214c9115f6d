//! Listeners: async functions of an event and extractors.

use std::future::Future;

use futures::future::BoxFuture;

use super::{Context, Dispatcher, FromContext, FromEvent, RegisterError};

/// The error type listeners may fail with.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// What a listener may return: `()` or `Result<(), E>`.
pub trait ListenerOutput: Send + 'static {
    /// The outcome, for logging.
    fn into_result(self) -> Result<(), BoxError>;
}

impl ListenerOutput for () {
    fn into_result(self) -> Result<(), BoxError> {
        Ok(())
    }
}

impl<E: Into<BoxError> + Send + 'static> ListenerOutput for Result<(), E> {
    fn into_result(self) -> Result<(), BoxError> {
        self.map_err(Into::into)
    }
}

/// An async function that handles events of type `E`; `Args` are the
/// [`FromContext`] arguments after the event.
///
/// Implemented for every `Fn(E, A1, …, A8) -> impl Future` whose output is
/// `()` or `Result<(), impl Into<BoxError>>`.
pub trait Listener<E, Args>: Send + Sync + 'static {
    /// Whether every argument can be provided.
    fn check(dispatcher: &Dispatcher) -> Result<(), RegisterError>;

    /// Runs the listener.
    fn call(&self, event: E, ctx: Context) -> BoxFuture<'static, Result<(), BoxError>>;
}

macro_rules! impl_listener {
    ($($arg:ident),*) => {
        impl<F, Fut, E, O, $($arg,)*> Listener<E, ($($arg,)*)> for F
        where
            F: Fn(E, $($arg),*) -> Fut + Send + Sync + 'static,
            Fut: Future<Output = O> + Send + 'static,
            O: ListenerOutput,
            E: FromEvent,
            $($arg: FromContext,)*
        {
            fn check(dispatcher: &Dispatcher) -> Result<(), RegisterError> {
                let _ = dispatcher;
                $($arg::check(dispatcher)?;)*
                Ok(())
            }

            #[allow(unused_variables)]
            fn call(&self, event: E, ctx: Context) -> BoxFuture<'static, Result<(), BoxError>> {
                let fut = (self)(event, $($arg::from_context(&ctx)),*);
                Box::pin(async move { fut.await.into_result() })
            }
        }
    };
}

impl_listener!();
impl_listener!(A1);
impl_listener!(A1, A2);
impl_listener!(A1, A2, A3);
impl_listener!(A1, A2, A3, A4);
impl_listener!(A1, A2, A3, A4, A5);
impl_listener!(A1, A2, A3, A4, A5, A6);
impl_listener!(A1, A2, A3, A4, A5, A6, A7);
impl_listener!(A1, A2, A3, A4, A5, A6, A7, A8);
