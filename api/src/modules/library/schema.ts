// The library module's schema, one file per type with its queries and mutations: the methodical
// materials bank and the positive-practices bank.
import "./schema/material.ts";
import "./schema/practice.ts";
