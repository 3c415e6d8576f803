// The event module's schema: types, then operations.
import "./schema/types.ts";
import "./schema/operations.ts";
