<?xml version="1.0" encoding="UTF-8"?>
<!--
  The theme of a tenant made by `shikakuctl tenant create` (from
  tenants/_template): the shared layout unchanged.  Override named
  templates here (see tenants/oncology/theme.xsl); colours are in
  static/theme.css.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:import href="../../xslt/shikaku.xsl"/>

</xsl:stylesheet>
