//! The one token estimate shared by the agent's prompt budget (`agent.contextTokens`) and the
//! skill validator's body-size warning, so both count the same way.

/// Cheap token estimate: about four characters per token.
pub fn estimate(s: &str) -> u32 {
    (s.chars().count() as u32).div_ceil(4)
}
