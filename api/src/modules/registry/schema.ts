// The school registry, one file per type with its queries and mutations: imports (schools,
// municipalities, decree participants, onboarding), hand edits of a school, participants by decree.
import "./schema/registry-import.ts";
import "./schema/school.ts";
import "./schema/participation.ts";
