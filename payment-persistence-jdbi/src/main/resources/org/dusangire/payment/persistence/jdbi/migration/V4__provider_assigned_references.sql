-- Providers that assign their own reference (M-Pesa's CheckoutRequestID) answer it only after the
-- payment is stored; until then the payment has none. NULLs never collide in the unique key
-- (gateway_name, provider_reference), so only known references must be unique per gateway.
ALTER TABLE ${table_prefix}payments ALTER COLUMN provider_reference DROP NOT NULL;
