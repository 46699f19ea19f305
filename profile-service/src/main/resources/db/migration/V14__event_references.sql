-- The order or ticket an event is about, as the e-commerce spec (order_id) and the support
-- webhooks (ticket_id) name it: a support agent finds the customer by the reference they have.
-- Partial: only the events that carry one are in the index.
CREATE INDEX events_reference ON profile.events ((coalesce(event #>> '{properties,order_id}',
        event #>> '{properties,orderId}', event #>> '{properties,ticket_id}', event #>> '{properties,ticketId}')))
    WHERE coalesce(event #>> '{properties,order_id}', event #>> '{properties,orderId}',
        event #>> '{properties,ticket_id}', event #>> '{properties,ticketId}') IS NOT NULL;
