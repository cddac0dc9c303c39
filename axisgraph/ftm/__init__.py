"""The FollowTheMoney wing: read, scan, convert, link and export FtM entities.

``mapping.yaml`` is the one table of which FtM schema becomes which node kind or claim
predicate (and back); ``authorities.yaml`` names the sanctioning authorities. Nothing here
writes to a store: ``axisgraph.app.ftm_load`` runs the passes against a store.
"""
