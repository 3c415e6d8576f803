// E-mail and account self-service: password reset, the viewer's e-mail preferences, and the failed
// address of an account shown to those who manage it.
import "./schema/account.ts";
import "./schema/preferences.ts";
