"""The optional room Wi-Fi capture service: phones send notes into a moderated inbox.

`inbox` is the pure part (queue, rate limits, devices, validation); `server` puts it on aiohttp.
"""
