<?xml version="1.0" encoding="UTF-8"?>
<!--
  booklet.xsl - a program's booklet (BRD-1, /programs/<id>/booklet.pdf):
  the program detail page's own model (recruit_search.c,
  program_detail_model()) printed through the PDF service (src/pdf/pdf.h):
  the facts, the description, the base and partner facilities and the
  rotations, with the messages the page uses.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:include href="../../pdf/print.xsl"/>

  <xsl:template match="/">
    <xsl:apply-templates select="/page/content/program[1]" mode="booklet"/>
  </xsl:template>

  <xsl:template match="program" mode="booklet">
    <print title="{name}">
      <paragraph align="center" size="11">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.booklet.title'"/></xsl:call-template>
      </paragraph>
      <title><xsl:value-of select="name"/></title>
      <kv>
        <xsl:call-template name="kv-row">
          <xsl:with-param name="k" select="'recruit.p.code'"/>
          <xsl:with-param name="v" select="@code"/>
        </xsl:call-template>
        <xsl:call-template name="kv-row">
          <xsl:with-param name="k" select="'recruit.p.domain'"/>
          <xsl:with-param name="v" select="@domain-name"/>
        </xsl:call-template>
        <xsl:call-template name="kv-row">
          <xsl:with-param name="k" select="'recruit.p.pref'"/>
          <xsl:with-param name="v" select="@pref-name"/>
        </xsl:call-template>
        <xsl:call-template name="kv-row">
          <xsl:with-param name="k" select="'recruit.p.track'"/>
          <xsl:with-param name="v"><xsl:call-template name="t"><xsl:with-param name="k" select="concat('recruit.track.', @track)"/></xsl:call-template></xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="kv-row">
          <xsl:with-param name="k" select="'recruit.p.capacity'"/>
          <xsl:with-param name="v"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.capacity-n'"/><xsl:with-param name="arg" select="@capacity"/></xsl:call-template></xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="kv-row">
          <xsl:with-param name="k" select="'recruit.p.instructors'"/>
          <xsl:with-param name="v"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.instructors-n'"/><xsl:with-param name="arg" select="@instructors"/></xsl:call-template></xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="kv-row">
          <xsl:with-param name="k" select="'recruit.p.years'"/>
          <xsl:with-param name="v"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.years-n'"/><xsl:with-param name="arg" select="@years"/></xsl:call-template></xsl:with-param>
        </xsl:call-template>
        <xsl:if test="normalize-space(director) != ''">
          <xsl:call-template name="kv-row">
            <xsl:with-param name="k" select="'recruit.p.director'"/>
            <xsl:with-param name="v" select="director"/>
          </xsl:call-template>
        </xsl:if>
      </kv>

      <heading><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.description'"/></xsl:call-template></heading>
      <paragraph><xsl:value-of select="description"/></paragraph>

      <heading><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.base'"/></xsl:call-template></heading>
      <xsl:apply-templates select="base" mode="booklet"/>

      <heading><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.partners'"/></xsl:call-template></heading>
      <xsl:choose>
        <xsl:when test="partners/facility">
          <table widths="4 2 2 5">
            <head>
              <row>
                <c><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.facility'"/></xsl:call-template></c>
                <c><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.pref'"/></xsl:call-template></c>
                <c><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.role'"/></xsl:call-template></c>
                <c><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.address'"/></xsl:call-template></c>
              </row>
            </head>
            <xsl:for-each select="partners/facility">
              <row>
                <c><xsl:value-of select="name"/></c>
                <c><xsl:value-of select="@pref-name"/></c>
                <c><xsl:value-of select="role"/></c>
                <c><xsl:value-of select="address"/></c>
              </row>
            </xsl:for-each>
          </table>
        </xsl:when>
        <xsl:otherwise>
          <paragraph><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.partners-none'"/></xsl:call-template></paragraph>
        </xsl:otherwise>
      </xsl:choose>

      <heading><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.rotations'"/></xsl:call-template></heading>
      <xsl:choose>
        <xsl:when test="rotations/rotation">
          <table widths="2 5 2 5">
            <head>
              <row>
                <c><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.field.rot-year'"/></xsl:call-template></c>
                <c><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.facility'"/></xsl:call-template></c>
                <c><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.months'"/></xsl:call-template></c>
                <c><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.notes'"/></xsl:call-template></c>
              </row>
            </head>
            <xsl:for-each select="rotations/rotation">
              <row>
                <c><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.rot-year'"/><xsl:with-param name="arg" select="@year"/></xsl:call-template></c>
                <c><xsl:value-of select="facility"/></c>
                <c><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.rot-months'"/><xsl:with-param name="arg" select="@months"/></xsl:call-template></c>
                <c><xsl:value-of select="notes"/></c>
              </row>
            </xsl:for-each>
          </table>
        </xsl:when>
        <xsl:otherwise>
          <paragraph><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.rotations-none'"/></xsl:call-template></paragraph>
        </xsl:otherwise>
      </xsl:choose>
    </print>
  </xsl:template>

  <xsl:template match="base" mode="booklet">
    <kv>
      <xsl:call-template name="kv-row">
        <xsl:with-param name="k" select="'recruit.p.facility'"/>
        <xsl:with-param name="v" select="name"/>
      </xsl:call-template>
      <xsl:call-template name="kv-row">
        <xsl:with-param name="k" select="'recruit.p.pref'"/>
        <xsl:with-param name="v" select="@pref-name"/>
      </xsl:call-template>
      <xsl:call-template name="kv-row">
        <xsl:with-param name="k" select="'recruit.p.address'"/>
        <xsl:with-param name="v" select="address"/>
      </xsl:call-template>
      <xsl:if test="@beds != ''">
        <xsl:call-template name="kv-row">
          <xsl:with-param name="k" select="'recruit.p.beds'"/>
          <xsl:with-param name="v"><xsl:call-template name="t"><xsl:with-param name="k" select="'recruit.p.beds-n'"/><xsl:with-param name="arg" select="@beds"/></xsl:call-template></xsl:with-param>
        </xsl:call-template>
      </xsl:if>
      <xsl:if test="details">
        <xsl:call-template name="kv-row">
          <xsl:with-param name="k" select="'recruit.p.details'"/>
          <xsl:with-param name="v" select="details"/>
        </xsl:call-template>
      </xsl:if>
    </kv>
  </xsl:template>

</xsl:stylesheet>
