-- Dusangire payments schema, version 2: refunds become records of their own. Runs unchanged on
-- PostgreSQL and H2 (regular or PostgreSQL mode), with the same ${table_prefix} placeholder as V1.
-- A refund is stored, together with the amount it reserves on its payment, before the provider
-- is called; the payment's refund_reserved_amount is what its pending refunds hold, so that
-- amount - refunded_amount - refund_reserved_amount is what is still refundable.

-- existing payments have no pending refunds, so nothing is reserved on them
ALTER TABLE ${table_prefix}payments
    ADD COLUMN refund_reserved_amount NUMERIC(19, 4) DEFAULT 0 NOT NULL;

CREATE TABLE ${table_prefix}refunds (
    id                      UUID           NOT NULL,
    payment_id              UUID           NOT NULL,
    idempotency_key         VARCHAR(255),
    gateway_name            VARCHAR(64)    NOT NULL,
    amount                  NUMERIC(19, 4) NOT NULL,
    currency                CHAR(3)        NOT NULL,
    reason                  VARCHAR(1000),
    actor                   VARCHAR(255),
    status                  VARCHAR(32)    NOT NULL,
    outcome_unknown         BOOLEAN        NOT NULL,
    provider_transaction_id VARCHAR(255),
    last_gateway_response   TEXT,
    failure_reason          TEXT,
    created_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    version                 BIGINT         NOT NULL,
    claimed_until           TIMESTAMP WITH TIME ZONE,
    CONSTRAINT ${table_prefix}refunds_pk PRIMARY KEY (id),
    -- a refund without a key is allowed any number of times (NULLs are distinct in a unique key)
    CONSTRAINT ${table_prefix}refunds_idempotency_uk UNIQUE (idempotency_key),
    CONSTRAINT ${table_prefix}refunds_payment_fk FOREIGN KEY (payment_id)
        REFERENCES ${table_prefix}payments (id)
);

-- reconciliation scans pending refunds by age; a payment's refunds are listed together
CREATE INDEX ${table_prefix}refunds_status_updated_ix ON ${table_prefix}refunds (status, updated_at);
CREATE INDEX ${table_prefix}refunds_payment_ix ON ${table_prefix}refunds (payment_id);

CREATE TABLE ${table_prefix}refund_history (
    refund_id      UUID         NOT NULL,
    seq            INTEGER      NOT NULL,
    from_status    VARCHAR(32),
    to_status      VARCHAR(32)  NOT NULL,
    changed_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    change_trigger VARCHAR(32)  NOT NULL,
    detail         TEXT,
    CONSTRAINT ${table_prefix}refund_history_pk PRIMARY KEY (refund_id, seq),
    CONSTRAINT ${table_prefix}refund_history_refund_fk FOREIGN KEY (refund_id)
        REFERENCES ${table_prefix}refunds (id)
);
