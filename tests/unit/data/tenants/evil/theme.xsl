<?xml version="1.0" encoding="UTF-8"?>
<!-- A hostile theme: it tries to read outside datadir and to write. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:exsl="http://exslt.org/common" extension-element-prefixes="exsl">
  <xsl:import href="../../xslt/shikaku.xsl"/>
  <xsl:template match="/page">
    <p>[<xsl:value-of select="document('/etc/passwd')"/>]</p>
    <p>[<xsl:value-of select="document('file:///etc/hostname')"/>]</p>
    <exsl:document href="/tmp/shikaku-xslt-write-test" method="text">x</exsl:document>
  </xsl:template>
</xsl:stylesheet>
