<?xml version="1.0" encoding="UTF-8"?>
<!--
  second.xsl - 専門医新規申請（二次申請） as a PDF (PAL-11, CORE-20): the
  generic application print (application.xsl) with what the offering
  adds (src/feature/certify/second.c model()): 認定要件 with each line's
  state and the July expectations before section 1, and 学歴・職歴 as
  tables of the rows typed rather than forty-one key/value lines.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:import href="application.xsl"/>

  <xsl:template match="section[@name = 'resume']" mode="print">
    <xsl:variable name="s" select="../second"/>
    <heading><xsl:call-template name="t"><xsl:with-param name="k" select="'second.requirements'"/></xsl:call-template></heading>
    <kv>
      <xsl:for-each select="$s/requirement">
        <row>
          <k>
            <xsl:call-template name="t"><xsl:with-param name="k" select="concat('second.req.no.', @name)"/></xsl:call-template>
            <xsl:text> </xsl:text>
            <xsl:call-template name="t"><xsl:with-param name="k" select="@key"/></xsl:call-template>
          </k>
          <v>
            <xsl:if test="@met = '1'">✓ </xsl:if>
            <xsl:call-template name="t"><xsl:with-param name="k" select="concat('second.rstate.', @state)"/></xsl:call-template>
          </v>
        </row>
      </xsl:for-each>
    </kv>
    <!-- 更新 asks none (second.c panels[]). -->
    <xsl:if test="$s/expect">
    <heading><xsl:call-template name="t"><xsl:with-param name="k" select="'second.expect.title'"/></xsl:call-template></heading>
    <kv>
      <xsl:for-each select="$s/expect">
        <row>
          <k><xsl:call-template name="t"><xsl:with-param name="k" select="@key"/></xsl:call-template></k>
          <v><xsl:choose><xsl:when test="@checked = '1'">☑</xsl:when><xsl:otherwise>☐</xsl:otherwise></xsl:choose></v>
        </row>
      </xsl:for-each>
    </kv>
    </xsl:if>
    <heading><xsl:call-template name="t"><xsl:with-param name="k" select="@title"/></xsl:call-template></heading>
    <xsl:variable name="r" select="row[1]"/>
    <kv>
      <row>
        <k><xsl:call-template name="t"><xsl:with-param name="k" select="'second.field.years'"/></xsl:call-template></k>
        <v><xsl:value-of select="$r/value[@name = 'years']"/></v>
      </row>
    </kv>
    <xsl:call-template name="second-print-list"><xsl:with-param name="r" select="$r"/><xsl:with-param name="list" select="'edu'"/></xsl:call-template>
    <xsl:call-template name="second-print-list"><xsl:with-param name="r" select="$r"/><xsl:with-param name="list" select="'car'"/></xsl:call-template>
  </xsl:template>

  <xsl:template name="second-print-list">
    <xsl:param name="r"/>
    <xsl:param name="list"/>
    <table widths="3 8">
      <head>
        <row>
          <c><xsl:call-template name="t"><xsl:with-param name="k" select="concat('second.field.', $list, '.date')"/></xsl:call-template></c>
          <c><xsl:call-template name="t"><xsl:with-param name="k" select="concat('second.field.', $list, '.text')"/></xsl:call-template></c>
        </row>
      </head>
      <xsl:for-each select="$r/value[starts-with(@name, concat($list, '.'))][substring(@name, string-length(@name) - 4) = '.date']">
        <xsl:variable name="t" select="concat(substring(@name, 1, string-length(@name) - 5), '.text')"/>
        <xsl:if test="normalize-space(.) != '' or normalize-space($r/value[@name = $t]) != ''">
          <row>
            <c><xsl:value-of select="."/></c>
            <c><xsl:value-of select="$r/value[@name = $t]"/></c>
          </row>
        </xsl:if>
      </xsl:for-each>
    </table>
  </xsl:template>

</xsl:stylesheet>
