// The schema: imports every module (each registers its types and fields) and builds it once.
import { builder } from "./builder.ts";
import "./shared/scalars.ts";
import "./errors.ts";
import "./modules/territory/schema.ts";
import "./modules/programme/schema.ts";
import "./modules/programme/operations.ts";
import "./modules/programme/programmes.ts";
import "./modules/school/schema.ts";
import "./modules/diagnostics/schema.ts";
import "./modules/diagnostics/schema/recommendation.ts";
import "./modules/diagnostics/schema/rule.ts";
import "./modules/user/schema.ts";
import "./modules/user/people-schema.ts";
import "./modules/mail/schema.ts";
import "./modules/user/edit-schema.ts";
import "./modules/notification/schema.ts";
import "./modules/roadmap/schema.ts";
import "./modules/document/schema.ts";
import "./modules/report/schema.ts";
import "./modules/consultation/schema.ts";
import "./modules/registry/schema.ts";
import "./modules/search/schema.ts";
import "./modules/event/schema.ts";
import "./modules/library/schema.ts";
import "./modules/pdf/schema.ts";

export const schema = builder.toSchema({ sortSchema: true });
