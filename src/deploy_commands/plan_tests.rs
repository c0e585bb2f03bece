use super::plan;
