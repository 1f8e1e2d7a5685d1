def roles(request) -> dict:
    """`me` is the signed-in Individual (or None); templates read its role properties."""
    return {"me": getattr(request, "individual", None)}
