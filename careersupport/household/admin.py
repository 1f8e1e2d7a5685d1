"""Nothing of the household app is registered in the admin, on purpose: its consent flags
and its financial plan are the two partners' alone (permissions rule 5), and staff who
maintain the site have no need to read them."""
