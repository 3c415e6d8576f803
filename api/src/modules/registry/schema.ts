// The school registry: imports (schools, municipalities, decree participants, onboarding) and hand edits.
import "./schema/types.ts";
import "./schema/operations.ts";
