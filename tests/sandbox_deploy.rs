//! The deploy-protocol sandbox over real HTTP on loopback: shapes, paging, writes with
//! Idempotency-Keys, deployments that progress on their own, logs by offset and over SSE.

#[path = "sandbox_deploy/logs.rs"]
mod logs;
#[path = "sandbox_deploy/reads.rs"]
mod reads;
#[path = "sandbox_deploy/support.rs"]
mod support;
#[path = "sandbox_deploy/writes.rs"]
mod writes;
