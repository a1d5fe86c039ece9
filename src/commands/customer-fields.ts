// What staff may write on a customer (the API's zod schema, the console and the CLI produce it).
// Do Not Mail is a field here but is applied through the one rule in set-do-not-mail.ts.
import type { CustomersTable } from '../db/schema.ts';

export type CustomerFields = Partial<
  Pick<
    CustomersTable,
    | 'first_name'
    | 'last_name'
    | 'company_name'
    | 'language'
    | 'email'
    | 'phone'
    | 'mobile_phone'
    | 'address_line1'
    | 'address_line2'
    | 'city'
    | 'region'
    | 'postal_code'
    | 'country'
    | 'birthday'
    | 'consent_basis'
    | 'consent_date'
    | 'sales_rep_user_id'
  >
> & {
  customer_number?: string;
  mailing_name?: string;
  do_not_mail?: boolean;
  deceased?: boolean;
};
