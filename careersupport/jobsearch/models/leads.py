"""HR's job leads (openings at the employer and partner organisations) and who saved them."""
