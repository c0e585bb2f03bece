pub struct Engine;
pub fn spawn() {}
