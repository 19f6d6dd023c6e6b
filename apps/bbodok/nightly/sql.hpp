// SQL of the nightly cleanup (contract §7.8): the todos and rooms a new day no longer shows.
#pragma once

namespace bbodok::nightly::sql {

// Todos marked done before the midnight being cleaned (a todo ticked off after it stays for today).
inline constexpr const char* clear_done_todos = "DELETE FROM todo WHERE done = 1 AND updated_at < ?";
// Live rooms that ended by that midnight are closed; their reservations and entries stay (study history reads
// them). The groups come back so their calendars can be recomputed.
inline constexpr const char* close_ended_rooms =
    "UPDATE room SET deleted = 1, updated_at = ? WHERE deleted = 0 AND end_time <= ? RETURNING group_id";

}  // namespace bbodok::nightly::sql
