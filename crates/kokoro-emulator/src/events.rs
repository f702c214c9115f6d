//! Publishing state changes to gateway sessions and the event log.

use std::sync::atomic::Ordering;

use crate::gateway::session::Dispatch;
use crate::state::{Counters, State};

/// Routes a dispatch to the sessions that should get it and logs it.
pub(crate) fn publish(st: &mut State, ev: Dispatch, keep: usize, counters: &Counters) {
    let State {
        world, sessions, ..
    } = st;
    let n = sessions.dispatch(world, &ev, keep);
    counters.dispatches.fetch_add(n as u64, Ordering::Relaxed);
    world.log("dispatch", ev.name.to_owned());
}
