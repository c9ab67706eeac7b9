"""The layers of the map: each a small class owning its artists on the map's Axes.

:class:`~explorer.render.mapview.MapRenderer` holds one of each, in drawing
order, and passes each the date's :class:`~explorer.war.chronology.WarState`
and the user's layer choices.  A new kind of thing on the map is a new
:class:`~explorer.render.layers.base.Layer` the renderer holds.

- :mod:`.land`: neighbours, Korea's land, coast, rivers, borders, the 38th parallel;
- :mod:`.relief`: shaded relief of the land (from ``geodata/relief.npy``);
- :mod:`.territory`: the UN side's fill;
- :mod:`.fronts`: the front, its casing, the previous front, the armistice line, enclaves;
- :mod:`.marks`: movement arrows and event markers;
- :mod:`.labels`: town dots and the names of towns, rivers and the parallel;
- :mod:`.card`: the date, phase and status texts drawn on the map in the window;
- :mod:`.camera`: the view (extent, zoom, pan), no artists.
"""
