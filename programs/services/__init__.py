"""Every write in `programs`, one module per area: offerings, enrollment, events, kinds."""
