// The library module's schema: the methodical materials bank and the positive-practices bank.
import "./schema/types.ts";
import "./schema/operations.ts";
import "./schema/practice-types.ts";
import "./schema/practice-operations.ts";
