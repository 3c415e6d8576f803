// The event module's schema, one file per type with its queries and mutations.
import "./schema/event.ts";
import "./schema/attendance.ts";
