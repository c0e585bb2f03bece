//! Drawing. Pure functions of `&State`: no I/O, no network.
