// The library module's schema (the methodical materials bank): types, then operations.
import "./schema/types.ts";
import "./schema/operations.ts";
